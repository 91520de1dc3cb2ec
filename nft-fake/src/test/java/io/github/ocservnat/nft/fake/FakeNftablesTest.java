package io.github.ocservnat.nft.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.ChainRef;
import io.github.ocservnat.nft.model.ChainType;
import io.github.ocservnat.nft.model.Datatype;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.NamedSet;
import io.github.ocservnat.nft.model.NftException;
import io.github.ocservnat.nft.model.Payload;
import io.github.ocservnat.nft.model.Port;
import io.github.ocservnat.nft.model.Priority;
import io.github.ocservnat.nft.model.Rule;
import io.github.ocservnat.nft.model.SetReference;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.TableFlag;
import io.github.ocservnat.nft.model.TableRef;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Verdict;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FakeNftablesTest {
  private static final TableRef T = TableRef.of(Family.INET, "t");
  private static final ChainRef INPUT = T.chain("input");
  private static final ChainRef HELPER = T.chain("helper");

  private static final Rule ACCEPT_SSH = Rule.of(Match.tcpDport(Port.of(22)), Verdict.ACCEPT);
  private static final Rule DROP = Rule.of(Verdict.DROP);

  private final FakeNftables nft = new FakeNftables();

  /** A table with a base chain holding one rule, a regular chain, and a set. */
  @BeforeEach
  void start() {
    Table table =
        Table.builder(Family.INET, "t")
            .set(
                NamedSet.builder("allowed", Datatype.IPV4_ADDR)
                    .elements(IpPrefix.host("192.0.2.1"))
                    .build())
            .chain(
                Chain.builder("input")
                    .base(ChainType.FILTER, Hook.INPUT, Priority.FILTER)
                    .rule(ACCEPT_SSH)
                    .build())
            .chain(Chain.builder("helper").build())
            .build();
    nft.apply(Transaction.builder().add(table).build());
  }

  private Table live() {
    return nft.listTable(T).orElseThrow();
  }

  private List<Rule> rules(String chain) {
    return live().chain(chain).orElseThrow().rules();
  }

  private long handleOf(Rule rule) {
    return rules("input").stream()
        .filter(rule::equals)
        .findFirst()
        .orElseThrow()
        .handle()
        .getAsLong();
  }

  static Stream<Arguments> failures() {
    Table empty = Table.builder(Family.INET, "t").build();
    Table other = Table.builder(Family.IP, "absent").build();
    Chain helper = Chain.builder("helper").build();
    return Stream.of(
        failure("create existing table", b -> b.create(empty), NftException.Kind.ALREADY_EXISTS),
        failure("delete missing table", b -> b.delete(other.ref()), NftException.Kind.NOT_FOUND),
        failure("flush missing table", b -> b.flush(other.ref()), NftException.Kind.NOT_FOUND),
        failure(
            "create existing chain", b -> b.create(T, helper), NftException.Kind.ALREADY_EXISTS),
        failure(
            "chain in missing table", b -> b.add(other.ref(), helper), NftException.Kind.NOT_FOUND),
        failure(
            "delete missing chain", b -> b.delete(T.chain("nope")), NftException.Kind.NOT_FOUND),
        failure("delete chain with rules", b -> b.delete(INPUT), NftException.Kind.OTHER),
        failure(
            "delete chain jumped to",
            b -> b.add(INPUT, Rule.of(Verdict.jump("helper"))).delete(HELPER),
            NftException.Kind.OTHER),
        failure(
            "rule in missing chain",
            b -> b.add(T.chain("nope"), DROP),
            NftException.Kind.NOT_FOUND),
        failure(
            "rule after missing handle",
            b -> b.addAfter(INPUT, 999, DROP),
            NftException.Kind.NOT_FOUND),
        failure(
            "delete missing rule",
            b -> b.delete(INPUT, DROP.withHandle(999)),
            NftException.Kind.NOT_FOUND),
        failure(
            "jump to missing chain",
            b -> b.add(INPUT, Rule.of(Verdict.jump("nope"))),
            NftException.Kind.NOT_FOUND),
        failure(
            "match on missing set",
            b ->
                b.add(
                    INPUT,
                    Rule.of(
                        Match.of(new Payload(Payload.Field.IP_SADDR), SetReference.to("nope")),
                        Verdict.ACCEPT)),
            NftException.Kind.NOT_FOUND),
        failure("delete missing set", b -> b.deleteSet(T, "nope"), NftException.Kind.NOT_FOUND),
        failure(
            "delete set in use",
            b ->
                b.add(
                        INPUT,
                        Rule.of(
                            Match.of(
                                new Payload(Payload.Field.IP_SADDR), SetReference.to("allowed")),
                            Verdict.ACCEPT))
                    .deleteSet(T, "allowed"),
            NftException.Kind.OTHER),
        failure(
            "delete missing element",
            b -> b.deleteElements(T, "allowed", List.of(IpPrefix.host("192.0.2.9"))),
            NftException.Kind.NOT_FOUND));
  }

  private static Arguments failure(
      String name, Consumer<Transaction.Builder> operations, NftException.Kind kind) {
    return Arguments.of(name, operations, kind);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void failures(String name, Consumer<Transaction.Builder> operations, NftException.Kind kind) {
    Table before = live();
    Transaction.Builder transaction = Transaction.builder().add(T, Chain.builder("extra").build());
    operations.accept(transaction);

    assertThatThrownBy(() -> nft.apply(transaction.build()))
        .isInstanceOfSatisfying(NftException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageStartingWith("Error: Could not process rule: ");
    assertThat(live()).isEqualTo(before);
    assertThat(live().chain("extra")).isEmpty();
  }

  @Test
  void aTableAddedWithFlagsKeepsThem() {
    Table dormant =
        Table.builder(Family.INET, "sleeping")
            .flags(TableFlag.DORMANT)
            .chain(Chain.builder("c").build())
            .build();

    nft.apply(Transaction.builder().add(dormant).build());

    assertThat(nft.listTable(dormant.ref())).contains(dormant);
  }

  @Test
  void rulesGoWhereTheirHandleSays() {
    Rule first = Rule.of(Match.tcpDport(Port.of(1)), Verdict.ACCEPT);
    Rule third = Rule.of(Match.tcpDport(Port.of(3)), Verdict.ACCEPT);
    long ssh = handleOf(ACCEPT_SSH);

    nft.apply(
        Transaction.builder()
            .add(INPUT, DROP)
            .insert(INPUT, first)
            .addAfter(INPUT, ssh, third)
            .build());

    assertThat(rules("input")).containsExactly(first, ACCEPT_SSH, third, DROP);
    assertThat(rules("input")).allMatch(rule -> rule.handle().isPresent());
    assertThat(rules("input").stream().map(r -> r.handle().getAsLong()).distinct()).hasSize(4);
  }

  @Test
  void replaceAndDeleteByHandle() {
    long ssh = handleOf(ACCEPT_SSH);

    nft.apply(Transaction.builder().replace(INPUT, DROP.withHandle(ssh)).build());
    nft.apply(Transaction.builder().delete(INPUT, rules("input").get(0)).build());

    assertThat(rules("input")).isEmpty();
  }

  @Test
  void addingATableTwiceMerges() {
    Table again =
        Table.builder(Family.INET, "t").chain(Chain.builder("input").rule(DROP).build()).build();

    nft.apply(Transaction.builder().add(again).build());

    assertThat(rules("input")).containsExactly(ACCEPT_SSH, DROP);
    assertThat(live().chain("input").get().base()).isPresent();
  }

  @Test
  void checkChangesNothing() {
    nft.check(Transaction.builder().delete(T).build());

    assertThat(nft.listRuleset()).hasSize(1);
  }

  @Test
  void listsInBothFormats() {
    assertThat(nft.listText())
        .isEqualTo(
            """
            table inet t {
            \tset allowed {
            \t\ttype ipv4_addr
            \t\telements = { 192.0.2.1 }
            \t}

            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\ttcp dport 22 accept
            \t}

            \tchain helper {
            \t}
            }
            """);
    assertThat(nft.listJson(T).orElseThrow())
        .startsWith("{\"nftables\":[{\"metainfo\":{\"json_schema_version\":1}},{\"table\":")
        .contains("\"rule\":{\"family\":\"inet\",\"table\":\"t\",\"chain\":\"input\",\"handle\":");
    assertThat(nft.listJson(TableRef.of(Family.IP, "t"))).isEmpty();
  }
}
