package io.github.ocservnat.nft.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.nft.model.BaseChain;
import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.ChainType;
import io.github.ocservnat.nft.model.Datatype;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.NamedSet;
import io.github.ocservnat.nft.model.Payload;
import io.github.ocservnat.nft.model.Policy;
import io.github.ocservnat.nft.model.Port;
import io.github.ocservnat.nft.model.Priority;
import io.github.ocservnat.nft.model.Rule;
import io.github.ocservnat.nft.model.SetFlag;
import io.github.ocservnat.nft.model.SetReference;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.TableDiff;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** TableDiff, checked by applying what it says to a fake that holds the live table. */
class TableDiffTest {
  private static Rule port(int port) {
    return Rule.of(Match.tcpDport(Port.of(port)), Verdict.ACCEPT);
  }

  private static Table table(Policy policy, List<Rule> rules, IpPrefix... allowed) {
    Chain.Builder input =
        Chain.builder("input")
            .base(new BaseChain(ChainType.FILTER, Hook.INPUT, Priority.FILTER, policy));
    rules.forEach(input::rule);
    Table.Builder table = Table.builder(Family.INET, "t").chain(input.build());
    if (allowed.length > 0) {
      table.set(NamedSet.builder("allowed", Datatype.IPV4_ADDR).elements(allowed).build());
    }
    return table.build();
  }

  /**
   * Puts {@code live} in a fake, works out the diff from what the fake lists (with handles),
   * applies it, checks the fake then holds {@code desired}, and returns the diff.
   */
  private static TableDiff converge(Table live, Table desired) {
    FakeNftables nft = new FakeNftables();
    nft.apply(Transaction.builder().add(live).build());

    TableDiff diff = TableDiff.between(nft.listTable(live.ref()), desired);
    nft.apply(diff.transaction());

    assertThat(nft.listTable(live.ref())).contains(desired);
    assertThat(TableDiff.between(nft.listTable(live.ref()), desired).isEmpty()).isTrue();
    return diff;
  }

  @Test
  void equalTablesHaveNoDiff() {
    Table table = table(Policy.ACCEPT, List.of(port(22)));

    TableDiff diff = TableDiff.between(Optional.of(table), table);

    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.transaction().isEmpty()).isTrue();
    assertThat(diff.toString()).isEmpty();
  }

  @Test
  void missingTableIsAddedWhole() {
    Table table = table(Policy.ACCEPT, List.of(port(22)));

    TableDiff diff = TableDiff.between(Optional.empty(), table);

    assertThat(diff.toString()).isEqualTo("+ table inet t\n");
    assertThat(diff.transaction()).isEqualTo(Transaction.builder().add(table).build());
  }

  @Test
  void rulesAreInsertedAndDeletedAroundTheOnesThatStay() {
    Table live = table(Policy.ACCEPT, List.of(port(1), port(2), port(3), port(4)));
    Table desired = table(Policy.ACCEPT, List.of(port(0), port(2), port(5), port(4), port(6)));
    TableDiff diff = converge(live, desired);

    assertThat(diff.toString())
        .isEqualTo(
            """
            - chain input: tcp dport 1 accept
            + chain input: tcp dport 0 accept
            - chain input: tcp dport 3 accept
            + chain input: tcp dport 5 accept
            + chain input: tcp dport 6 accept
            """);
  }

  @Test
  void rulesThatStayKeepTheirHandles() {
    Table live = table(Policy.ACCEPT, List.of(port(1), port(2)));
    Table desired = table(Policy.ACCEPT, List.of(port(2), port(3)));
    FakeNftables nft = new FakeNftables();
    nft.apply(Transaction.builder().add(live).build());
    long kept =
        nft.listTable(live.ref()).get().chain("input").get().rules().get(1).handle().getAsLong();

    nft.apply(TableDiff.between(nft.listTable(live.ref()), desired).transaction());

    assertThat(nft.listTable(live.ref()).get().chain("input").get().rules().get(0).handle())
        .hasValue(kept);
  }

  @Test
  void policyChangesInPlace() {
    Table live = table(Policy.ACCEPT, List.of(port(22)));
    Table desired = table(Policy.DROP, List.of(port(22)));
    TableDiff diff = converge(live, desired);

    assertThat(diff.toString())
        .isEqualTo("~ chain input: type filter hook input priority filter; policy drop\n");
    assertThat(diff.transaction().operations()).hasSize(1);
  }

  @Test
  void setElementsChangeInPlace() {
    Table live =
        table(Policy.ACCEPT, List.of(), IpPrefix.host("192.0.2.1"), IpPrefix.host("192.0.2.2"));
    Table desired =
        table(Policy.ACCEPT, List.of(), IpPrefix.host("192.0.2.2"), IpPrefix.host("192.0.2.3"));
    TableDiff diff = converge(live, desired);

    assertThat(diff.changes().stream().map(Object::toString).collect(Collectors.toList()))
        .containsExactly(
            "+ set allowed elements: { 192.0.2.3 }", "- set allowed elements: { 192.0.2.1 }");
  }

  @Test
  void whatCannotChangeInPlaceReplacesTheTable() {
    Table live = table(Policy.ACCEPT, List.of(port(22)));
    Chain moved =
        Chain.builder("input")
            .base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER)
            .rule(port(22))
            .build();
    Table desired = Table.builder(Family.INET, "t").chain(moved).build();
    TableDiff diff = converge(live, desired);

    assertThat(diff.transaction()).isEqualTo(Transaction.replacing(desired));
    assertThat(diff.changes().get(diff.changes().size() - 1).toString())
        .isEqualTo(
            "~ table inet t: replaced whole, since not all of this can change in place; its"
                + " counters start again from zero");
  }

  @Test
  void chainsComeAndGo() {
    Table live =
        table(Policy.ACCEPT, List.of(port(22))).toBuilder()
            .chain(Chain.builder("old").rule(port(9)).build())
            .build();
    Table desired =
        Table.builder(Family.INET, "t")
            .chain(
                Chain.builder("input")
                    .base(ChainType.FILTER, Hook.INPUT, Priority.FILTER)
                    .rule(port(22))
                    .rule(Verdict.jump("helper"))
                    .build())
            .chain(Chain.builder("helper").rule(port(80)).build())
            .build();
    TableDiff diff = converge(live, desired);

    assertThat(diff.toString())
        .isEqualTo(
            """
            + chain helper: regular chain
            + chain input: jump helper
            - chain old
            """);
  }

  private static Table.Builder withInput(Rule... rules) {
    Chain.Builder input =
        Chain.builder("input").base(ChainType.FILTER, Hook.INPUT, Priority.FILTER);
    for (Rule rule : rules) {
      input.rule(rule);
    }
    return Table.builder(Family.INET, "t").chain(input.build());
  }

  @Test
  void aSetGoesAfterTheChainThatUsesIt() {
    Table live =
        withInput(Rule.of(Verdict.jump("blocklist")), port(22))
            .set(
                NamedSet.builder("blocked", Datatype.IPV4_ADDR)
                    .elements(IpPrefix.host("192.0.2.1"))
                    .build())
            .chain(
                Chain.builder("blocklist")
                    .rule(
                        Match.of(new Payload(Payload.Field.IP_SADDR), SetReference.to("blocked")),
                        Verdict.DROP)
                    .build())
            .build();
    Table desired = withInput(port(22)).build();

    converge(live, desired);
  }

  @Test
  void chainsThatJumpToEachOtherGoTogether() {
    Table live =
        Table.builder(Family.INET, "t")
            .chain(Chain.builder("allow").rule(port(22)).build())
            .chain(
                Chain.builder("input")
                    .base(ChainType.FILTER, Hook.INPUT, Priority.FILTER)
                    .rule(Verdict.jump("allow"))
                    .build())
            .chain(
                Chain.builder("output")
                    .base(ChainType.FILTER, Hook.OUTPUT, Priority.FILTER)
                    .build())
            .build();
    Table desired =
        Table.builder(Family.INET, "t")
            .chain(
                Chain.builder("output")
                    .base(ChainType.FILTER, Hook.OUTPUT, Priority.FILTER)
                    .build())
            .build();

    converge(live, desired);
  }

  /** Returns the table with an empty input chain and the set {@code name} of addresses. */
  private static Table withSet(String name, SetFlag flag, IpPrefix... elements) {
    return withInput()
        .set(NamedSet.builder(name, Datatype.IPV4_ADDR).flags(flag).elements(elements).build())
        .build();
  }

  @Test
  void newIntervalsMayOverlapTheOldOnes() {
    Table live =
        withSet(
            "nets",
            SetFlag.INTERVAL,
            IpPrefix.parse("192.0.2.0/25"),
            IpPrefix.parse("198.51.100.0/24"));
    Table desired =
        withSet(
            "nets",
            SetFlag.INTERVAL,
            IpPrefix.parse("192.0.2.0/24"),
            IpPrefix.parse("198.51.100.0/25"));

    converge(live, desired);
  }

  @Test
  void constantSetsAreReplacedWithTheTable() {
    Table live = withSet("admins", SetFlag.CONSTANT, IpPrefix.host("192.0.2.1"));
    Table desired =
        withSet("admins", SetFlag.CONSTANT, IpPrefix.host("192.0.2.1"), IpPrefix.host("192.0.2.2"));

    TableDiff diff = converge(live, desired);

    assertThat(diff.transaction()).isEqualTo(Transaction.replacing(desired));
  }

  @Test
  void elementsOfTimeoutSetsAreLeftAlone() {
    NamedSet.Builder seen =
        NamedSet.builder("seen", Datatype.IPV4_ADDR).timeout(java.time.Duration.ofMinutes(5));
    Table live = withInput().set(seen.elements(IpPrefix.host("192.0.2.1")).build()).build();
    Table desired =
        withInput()
            .set(
                NamedSet.builder("seen", Datatype.IPV4_ADDR)
                    .timeout(java.time.Duration.ofMinutes(5))
                    .build())
            .build();

    assertThat(TableDiff.between(Optional.of(live), desired).transaction().isEmpty()).isTrue();
  }
}
