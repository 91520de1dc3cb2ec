package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTest {
  private static final TableRef T = TableRef.of(Family.INET, "t");
  private static final ChainRef C = T.chain("c");
  private static final Rule DROP = Rule.of(Verdict.DROP);

  private static Transaction everyOperation() {
    NamedSet set = NamedSet.builder("s", Datatype.INET_SERVICE).elements(Port.of(22)).build();
    return Transaction.builder()
        .add(T)
        .add(T, Chain.builder("c").base(ChainType.FILTER, Hook.INPUT, Priority.FILTER).build())
        .create(T, Chain.builder("d").rule(Verdict.RETURN).build())
        .add(C, DROP)
        .addAfter(C, 4, DROP)
        .insert(C, DROP.withComment("first"))
        .insertBefore(C, 4, DROP)
        .replace(C, Rule.of(Verdict.ACCEPT).withHandle(5))
        .delete(C, DROP.withHandle(6))
        .add(T, set)
        .addElements(T, "s", List.of(Port.of(80), Port.of(443)))
        .deleteElements(T, "s", List.of(Port.of(22)))
        .add(T, new NamedCounter("hits"))
        .flushSet(T, "s")
        .deleteSet(T, "s")
        .flush(T.chain("d"))
        .delete(T.chain("d"))
        .flush(T)
        .delete(T)
        .build();
  }

  @Test
  void everyOperationRendersAsText() {
    assertThat(NftText.transaction(everyOperation()))
        .isEqualTo(
            """
            add table inet t
            add chain inet t c { type filter hook input priority filter; policy accept; }
            create chain inet t d
            add rule inet t d return
            add rule inet t c drop
            add rule inet t c handle 4 drop
            insert rule inet t c drop comment "first"
            insert rule inet t c handle 4 drop
            replace rule inet t c handle 5 accept
            delete rule inet t c handle 6
            add set inet t s { type inet_service; elements = { 22 } }
            add element inet t s { 80, 443 }
            delete element inet t s { 22 }
            add counter inet t hits
            flush set inet t s
            delete set inet t s
            flush chain inet t d
            delete chain inet t d
            flush table inet t
            delete table inet t
            """);
  }

  @Test
  void everyOperationRendersAsJson() {
    assertThat(Golden.pretty(NftJson.transaction(everyOperation())))
        .isEqualTo(Golden.pretty(Golden.read("every-operation.json")));
  }

  @Test
  void aStatementWithoutATextFormPrintsAsJson() {
    Rule xtables =
        Rule.of(new RawStatement("{\"xt\": {\"type\": \"match\", \"name\": \"state\"}}"));
    Transaction transaction = Transaction.builder().add(C, xtables).add(C, DROP).build();

    assertThat(transaction.toString()).isEqualTo(NftJson.transaction(transaction));
    assertThat(transaction.operations().get(0).toString())
        .isEqualTo(
            "{\"nftables\":[{\"metainfo\":{\"json_schema_version\":1}},{\"add\":{\"rule\":"
                + "{\"family\":\"inet\",\"table\":\"t\",\"chain\":\"c\",\"expr\":"
                + "[{\"xt\":{\"type\":\"match\",\"name\":\"state\"}}]}}}]}");
    assertThat(transaction.operations().get(1).toString()).isEqualTo("add rule inet t c drop");
  }

  @Test
  void replaceAndDeleteNeedAHandle() {
    Transaction.Builder builder = Transaction.builder();

    assertThatThrownBy(() -> builder.replace(C, DROP))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "replace rule in inet t c: 'drop' has no handle; the kernel finds the rule to replace"
                + " by its handle, so take the rule from a listing");
    assertThatThrownBy(() -> builder.delete(C, DROP))
        .hasMessage(
            "delete rule in inet t c: 'drop' has no handle; the kernel finds the rule to delete"
                + " by its handle, so take the rule from a listing");
    assertThat(builder.build().isEmpty()).isTrue();
  }

  @Test
  void elementOperationsNeedElements() {
    assertThatThrownBy(() -> Transaction.builder().addElements(T, "s", List.of()))
        .hasMessage("add element in inet t s: '' names no elements");
  }

  @Test
  void handlesArePositive() {
    assertThatThrownBy(() -> DROP.withHandle(0))
        .hasMessage("rule handle: '0' is not positive; handles start at 1");
  }

  @Test
  void protocolMatchesThatNftWouldDrop() {
    assertThatThrownBy(
            () ->
                Rule.of(
                    Match.l4proto(L4Proto.TCP),
                    Match.iifname(InterfaceName.exact("eth0")),
                    Match.tcpDport(Port.of(22)),
                    Verdict.ACCEPT))
        .hasMessage(
            "rule: 'meta l4proto tcp iifname \"eth0\" tcp dport 22 accept' has meta l4proto tcp,"
                + " which tcp dport 22 after it implies; nft drops such a match, so leave it out");
    assertThat(
            Rule.of(
                Match.l4proto(L4Proto.TCP),
                Counter.anonymous(),
                Match.tcpDport(Port.of(22)),
                Verdict.ACCEPT))
        .isNotNull();
    assertThat(Rule.of(Match.tcpDport(Port.of(22)), Match.l4proto(L4Proto.TCP))).isNotNull();
  }

  @Test
  void protocolsThatConflict() {
    assertThatThrownBy(
            () -> Rule.of(Match.udpDport(Port.of(53)), Match.tcpDport(Port.of(22)).negate()))
        .hasMessage(
            "rule: 'udp dport 53 tcp dport != 22' matches protocols that conflict (tcp and udp);"
                + " nft refuses it: match one protocol, or split the rule");
    assertThatThrownBy(
            () ->
                Rule.of(
                    Match.saddr(IpPrefix.parse("10.0.0.0/8")),
                    Match.daddr(IpPrefix.parse("2001:db8::/32"))))
        .hasMessage(
            "rule: 'ip saddr 10.0.0.0/8 ip6 daddr 2001:db8::/32' matches protocols that conflict"
                + " (ipv4 and ipv6); nft refuses it: match one protocol, or split the rule");
  }

  @Test
  void statementsThatNeedATransportMatch() {
    assertThatThrownBy(() -> Rule.of(Reject.tcpReset()))
        .hasMessage(
            "rule: 'reject with tcp reset' rejects with tcp reset but matches no TCP before it"
                + " (example: meta l4proto tcp reject with tcp reset)");
    assertThatThrownBy(() -> Rule.of(Masquerade.toPorts(1024, 2048)))
        .hasMessage(
            "rule: 'masquerade to :1024-2048' maps ports but matches no TCP or UDP before it"
                + " (example: meta l4proto tcp masquerade to :1024-2048)");
    assertThatThrownBy(() -> Rule.of(Match.udpDport(Port.of(53)), Reject.tcpReset()))
        .hasMessage(
            "rule: 'udp dport 53 reject with tcp reset' matches protocols that conflict (tcp and"
                + " udp); nft refuses it: match one protocol, or split the rule");
    assertThat(Rule.of(Match.l4proto(L4Proto.TCP), Reject.tcpReset()).statements()).hasSize(2);
    assertThat(Rule.of(Match.tcpDport(Port.of(80)), Nat.dnat(IpPrefix.host("192.0.2.1"), 8080)))
        .isNotNull();
  }
}
