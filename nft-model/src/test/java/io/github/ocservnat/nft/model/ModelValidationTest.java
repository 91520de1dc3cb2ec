package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the parts of tables, chains and rules are checked as they are built. */
class ModelValidationTest {
  private static final InterfaceName ETH0 = InterfaceName.parse("eth0");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| table name: '' is empty",
        "my table| table name: 'my table' is not a valid name; start with a letter, '_' or '.',"
            + " then letters, digits, '/', '-', '_' or '.' (example: ocserv)",
        "1st| table name: '1st' is not a valid name; start with a letter, '_' or '.', then"
            + " letters, digits, '/', '-', '_' or '.' (example: ocserv)",
        "x;flush ruleset| table name: 'x;flush ruleset' is not a valid name; start with a letter,"
            + " '_' or '.', then letters, digits, '/', '-', '_' or '.' (example: ocserv)",
      })
  void tableNames(String name, String message) {
    assertThatThrownBy(() -> Table.builder(Family.INET, name))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"fwd", "table", "counter", "tcp", "destroy"})
  void keywordsAreNotNames(String name) {
    assertThatThrownBy(() -> Chain.builder(name))
        .hasMessage(
            "chain name: '"
                + name
                + "' is an nft keyword, which nft cannot read as a name (example: ocserv)");
  }

  @ParameterizedTest
  @CsvSource({"filter", "nat", "input", "forward", "postrouting", "ocserv", "raw", "mangle"})
  void commonNamesAreNotKeywords(String name) {
    assertThat(Chain.builder(name).build().name()).isEqualTo(name);
  }

  @Test
  void tableNameLength() {
    assertThat(Table.builder(Family.INET, "t".repeat(255)).build().name()).hasSize(255);
    assertThatThrownBy(() -> Table.builder(Family.INET, "t".repeat(256)))
        .hasMessageEndingWith(
            "...' (256 characters) is longer than the 255 characters the kernel allows");
  }

  @Test
  void matchTypesMustFit() {
    assertThatThrownBy(
            () -> Match.of(new Payload(Payload.Field.IP_SADDR), IpPrefix.parse("2001:db8::/32")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "ip saddr: '2001:db8::/32' takes an IPv4 address; match IPv6 with the ip6"
                + " expressions");
    assertThatThrownBy(() -> Match.of(new Meta(Meta.Key.IIFNAME), IpPrefix.parse("10.0.0.0/8")))
        .hasMessage("iifname: '10.0.0.0/8' takes a value of type ifname, not ipv4_addr");
    assertThatThrownBy(() -> Match.of(new Ct(Ct.Key.STATE), ETH0))
        .hasMessage("ct state: '\"eth0\"' takes a value of type ct_state, not ifname");
    assertThatThrownBy(() -> Match.of(new Meta(Meta.Key.IIF), InterfaceName.parse("vpns*")))
        .hasMessage(
            "iif: '\"vpns*\"' takes an existing interface's exact name (example: eth0); use"
                + " iifname or oifname for wildcards and interfaces that come and go");
  }

  @Test
  void terminalStatementMustBeLast() {
    assertThatThrownBy(() -> Rule.of(Verdict.ACCEPT, Match.iifname(ETH0)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "rule: 'accept iifname \"eth0\"' has iifname \"eth0\" after accept, which ends the"
                + " rule, so it would never run");
    assertThatThrownBy(() -> Rule.of()).hasMessage("rule: '' has no statements");
  }

  @Test
  void masqueradeOnlyInNatPostrouting() {
    Chain.Builder forward =
        Chain.builder("forward")
            .base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER)
            .rule(Match.oifname(ETH0), new Masquerade());

    assertThatThrownBy(forward::build)
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "chain forward: 'oifname \"eth0\" masquerade' masquerades outside a nat chain on the"
                + " postrouting hook, which the kernel refuses");
  }

  @Test
  void regularChainsTakeWhatTheirCallerAllows() {
    Chain regular = Chain.builder("masq").rule(new Masquerade()).build();

    assertThat(regular.rules()).hasSize(1);
  }

  @Test
  void rejectIsForFilterChains() {
    Chain.Builder nat =
        Chain.builder("post")
            .base(ChainType.NAT, Hook.POSTROUTING, Priority.SRCNAT)
            .rule(Match.tcpDport(Port.of(25)), Reject.tcpReset());

    assertThatThrownBy(nat::build)
        .hasMessage(
            "chain post: 'tcp dport 25 reject with tcp reset' rejects in a nat chain on the"
                + " postrouting hook, which the kernel refuses; reject in a filter chain on input,"
                + " forward or output");
  }

  @Test
  void hooksTheModelCannotServe() {
    assertThatThrownBy(() -> BaseChain.of(ChainType.ROUTE, Hook.FORWARD, Priority.FILTER))
        .hasMessage("hook: 'forward' cannot carry a route chain (route chains are on output only)");
    assertThatThrownBy(() -> BaseChain.of(ChainType.FILTER, Hook.INGRESS, Priority.FILTER))
        .hasMessage(
            "hook: 'ingress' needs a device to attach to, which this model does not express yet");
  }

  @Test
  void familiesSeeOnlyTheirPackets() {
    Chain v6 =
        Chain.builder("c")
            .rule(Match.saddr(IpPrefix.parse("2001:db8::/64")), Verdict.ACCEPT)
            .build();

    assertThatThrownBy(() -> Table.builder(Family.IP, "t").chain(v6).build())
        .hasMessage(
            "chain c: 'ip6 saddr 2001:db8::/64 accept' needs ipv6 packets, which a table of the ip"
                + " family never sees; use an inet table for both");
    assertThat(Table.builder(Family.INET, "t").chain(v6).build().chains()).hasSize(1);
  }

  @Test
  void jumpLoopsAreRefused() {
    Table.Builder table =
        Table.builder(Family.INET, "t")
            .chain(
                Chain.builder("forward")
                    .base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER)
                    .rule(Verdict.jump("a"))
                    .build())
            .chain(Chain.builder("a").rule(Verdict.jump("b")).build())
            .chain(Chain.builder("b").rule(Verdict.goTo("a")).build());

    assertThatThrownBy(table::build)
        .hasMessage("chain a: 'a -> b -> a' jumps in a loop, which the kernel refuses");
  }

  @Test
  void valuesNftWouldListOtherwise() {
    assertThatThrownBy(() -> Range.ports(22, 22))
        .hasMessage("range: '22-22' holds one value; nft lists it as 22, so write that");
    assertThatThrownBy(() -> new Range(IpPrefix.host("192.0.2.0"), IpPrefix.host("192.0.2.255")))
        .hasMessage(
            "range: '192.0.2.0-192.0.2.255' is the prefix 192.0.2.0/24, as nft lists it, so write"
                + " that");
    assertThat(new Range(IpPrefix.host("192.0.2.1"), IpPrefix.host("192.0.2.9"))).isNotNull();
    assertThatThrownBy(() -> AnonymousSet.of(Port.of(80)))
        .hasMessage(
            "set: '{ 80 }' holds one element; nft lists it as the element itself, so write that");
  }

  @Test
  void intervalsMustNotOverlap() {
    NamedSet.Builder set =
        NamedSet.builder("nets", Datatype.IPV4_ADDR)
            .flags(SetFlag.INTERVAL)
            .elements(IpPrefix.parse("198.51.100.0/24"), IpPrefix.parse("198.51.100.128/25"));

    assertThatThrownBy(set::build)
        .hasMessage(
            "set nets elements: '198.51.100.0/24, 198.51.100.128/25' overlap; nft refuses"
                + " conflicting intervals in a set");
    assertThatThrownBy(() -> AnonymousSet.of(Range.ports(1000, 2000), Port.of(1500)))
        .hasMessage(
            "set elements: '1000-2000, 1500' overlap; nft refuses conflicting intervals in a set");
    assertThat(AnonymousSet.of(Port.of(2000), Range.ports(100, 200)).elements())
        .containsExactly(Range.ports(100, 200), Port.of(2000));
  }

  @Test
  void wildcardsInSetsNeedIntervals() {
    NamedSet.Builder set =
        NamedSet.builder("ifs", Datatype.IFNAME).elements(InterfaceName.parse("wg*"));

    assertThatThrownBy(set::build)
        .hasMessage(
            "set ifs element: '\"wg*\"' is a prefix, range or wildcard; the set needs flags"
                + " interval for it");
  }

  @Test
  void natChainHooks() {
    assertThatThrownBy(() -> BaseChain.of(ChainType.NAT, Hook.FORWARD, Priority.SRCNAT))
        .hasMessage(
            "hook: 'forward' cannot carry a nat chain (use prerouting, input, output or"
                + " postrouting)");
  }

  @Test
  void chainTypeMustSuitTheFamily() {
    Chain nat =
        Chain.builder("post").base(ChainType.NAT, Hook.POSTROUTING, Priority.SRCNAT).build();

    assertThatThrownBy(() -> Table.builder(Family.BRIDGE, "b").chain(nat).build())
        .hasMessage("chain post: 'nat' is not a chain type of the bridge family");
  }

  @Test
  void chainNamesAreUnique() {
    Chain a = Chain.builder("a").build();

    assertThatThrownBy(() -> Table.builder(Family.INET, "t").chain(a).chain(a).build())
        .hasMessage("table inet t: 'a' names two chains");
  }

  @Test
  void priorities() {
    assertThat(Priority.of(StandardPriority.SRCNAT, 5).keyword()).isEqualTo("srcnat + 5");
    assertThat(Priority.of(StandardPriority.MANGLE, -1).keyword()).isEqualTo("mangle - 1");
    assertThat(Priority.of(StandardPriority.MANGLE, -1).value()).isEqualTo(-151);
    assertThat(Priority.of(-300).keyword()).isEqualTo("-300");
    assertThatThrownBy(() -> Priority.of(StandardPriority.SRCNAT, Integer.MAX_VALUE))
        .hasMessage(
            "priority offset: '2147483647' takes srcnat out of the 32-bit range of chain"
                + " priorities");
  }

  @Test
  void valuesAreImmutable() {
    Chain chain = Chain.builder("c").rule(Verdict.ACCEPT).build();

    assertThatThrownBy(() -> chain.rules().add(Rule.of(Verdict.DROP)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(chain.toBuilder().build()).isEqualTo(chain);
  }

  @Test
  void rawStatementMustBeAJsonObject() {
    assertThatThrownBy(() -> new RawStatement("queue num 3"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("statement: 'queue num 3' is not a JSON object (example: {\"notrack\": null})");
    assertThatThrownBy(() -> new RawStatement("[1]"))
        .hasMessage("statement: '[1]' is not a JSON object (example: {\"notrack\": null})");
  }
}
