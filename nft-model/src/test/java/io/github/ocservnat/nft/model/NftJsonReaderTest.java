package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftJsonReaderTest {
  /** What nft 1.0.6 lists for a table with one rule of each kind the model knows. */
  private static final String CATALOG = Golden.read("catalog-listing.json");

  private static String listing(String... objects) {
    return "{\"nftables\":[{\"metainfo\":{\"version\":\"1.1.3\",\"json_schema_version\":1}},"
        + "{\"table\":{\"family\":\"inet\",\"name\":\"t\",\"handle\":1}},"
        + "{\"chain\":{\"family\":\"inet\",\"table\":\"t\",\"name\":\"c\",\"handle\":1}}"
        + (objects.length == 0 ? "" : "," + String.join(",", objects))
        + "]}";
  }

  private static String rule(String... statements) {
    return "{\"rule\":{\"family\":\"inet\",\"table\":\"t\",\"chain\":\"c\",\"handle\":7,"
        + "\"expr\":["
        + String.join(",", statements)
        + "]}}";
  }

  private static List<Statement> statementsOf(String listing) {
    return NftJsonReader.ruleset(listing)
        .get(0)
        .chain("c")
        .orElseThrow()
        .rules()
        .get(0)
        .statements();
  }

  @Test
  void catalogReadsIntoTypedStatements() {
    Table table = NftJsonReader.table(CATALOG, Family.INET, "cat").orElseThrow();

    assertThat(NftText.table(table)).isEqualTo(Golden.read("catalog.nft"));
    assertThat(table.chains().stream().flatMap(c -> c.rules().stream()))
        .flatMap(Rule::statements)
        .noneMatch(RawStatement.class::isInstance);
  }

  @Test
  void catalogRoundTripsThroughOurJson() {
    Table table = NftJsonReader.table(CATALOG, Family.INET, "cat").orElseThrow();

    String json = NftJson.table(table);

    assertThat(Golden.pretty(json)).isEqualTo(Golden.read("catalog-model.json"));
    assertThat(NftJsonReader.table(json, Family.INET, "cat")).contains(table);
  }

  @Test
  void unknownStatementsAreKeptWhole() {
    String queue = "{\"queue\":{\"num\":3,\"flags\":[\"bypass\"]}}";
    String logGroup = "{\"log\":{\"group\":2,\"prefix\":\"x\"}}";
    String lessThan =
        "{\"match\":{\"op\":\"<\",\"left\":{\"meta\":{\"key\":\"mark\"}},\"right\":16}}";

    List<Statement> statements =
        statementsOf(listing(rule(queue, logGroup, lessThan, "{\"accept\":null}")));

    assertThat(statements)
        .containsExactly(
            new RawStatement(queue),
            new RawStatement(logGroup),
            new RawStatement(lessThan),
            Verdict.ACCEPT);
    Rule rule = Rule.of(statements);
    assertThat(NftJson.statement(rule.statements().get(0)).toString()).isEqualTo(queue);
    assertThatThrownBy(() -> NftText.rule(rule))
        .hasMessageStartingWith("statement: '" + queue + "' is one the model does not know");
  }

  @Test
  void flagsMayBeAStringOrAnArray() {
    String one =
        "{\"match\":{\"op\":\"in\",\"left\":{\"ct\":{\"key\":\"state\"}},\"right\":\"new\"}}";
    String many =
        "{\"match\":{\"op\":\"in\",\"left\":{\"ct\":{\"key\":\"state\"}},\"right\":[\"new\"]}}";

    assertThat(statementsOf(listing(rule(one)))).isEqualTo(statementsOf(listing(rule(many))));
    assertThat(statementsOf(listing(rule(one)))).containsExactly(Match.ctState(CtState.NEW));
  }

  @Test
  void unknownFieldsOfObjectsAreIgnored() {
    String json =
        "{\"nftables\":[{\"table\":{\"family\":\"ip\",\"name\":\"t\",\"handle\":4,"
            + "\"future\":{\"x\":1}}},{\"chain\":{\"family\":\"ip\",\"table\":\"t\",\"name\":\"c\","
            + "\"handle\":1,\"type\":\"filter\",\"hook\":\"input\",\"prio\":0,\"policy\":\"drop\","
            + "\"newfield\":true}},{\"flowtable\":{\"family\":\"ip\",\"table\":\"t\",\"name\":\"f\"}}]}";

    Table table = NftJsonReader.table(json, Family.IP, "t").orElseThrow();

    assertThat(NftText.table(table))
        .isEqualTo(
            """
            table ip t {
            \tchain c {
            \t\ttype filter hook input priority filter; policy drop;
            \t}
            }
            """);
  }

  @Test
  void equalityIgnoresHandlesAndCounts() {
    String counted = rule("{\"counter\":{\"packets\":12,\"bytes\":3400}}", "{\"accept\":null}");

    Rule read = NftJsonReader.ruleset(listing(counted)).get(0).chain("c").get().rules().get(0);

    assertThat(read.handle()).hasValue(7);
    assertThat(((Counter) read.statements().get(0)).packets()).isEqualTo(12);
    assertThat(read).isEqualTo(Rule.of(Counter.anonymous(), Verdict.ACCEPT));
  }

  @Test
  void ruleUsingASetLeftOutKeepsThatStatementRaw() {
    String set =
        "{\"set\":{\"family\":\"inet\",\"table\":\"t\",\"name\":\"macs\",\"type\":\"ether_addr\","
            + "\"handle\":2}}";
    String match =
        "{\"match\":{\"op\":\"==\",\"left\":{\"meta\":{\"key\":\"iifname\"}},\"right\":\"@macs\"}}";

    Table table = NftJsonReader.ruleset(listing(set, rule(match))).get(0);

    assertThat(table.sets()).isEmpty();
    assertThat(table.chain("c").get().rules().get(0).statements())
        .containsExactly(new RawStatement(match));
  }

  @Test
  void notAListing() {
    assertThatThrownBy(() -> NftJsonReader.ruleset("Error: syntax error"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("listing: 'Error: syntax error' is not JSON (");
    assertThatThrownBy(() -> NftJsonReader.ruleset("{\"tables\":[]}"))
        .hasMessage(
            "listing: '{\"tables\":[]}' has no \"nftables\" array; is it the output of nft -j?");
  }

  @Test
  void aTableTheModelCannotHoldDoesNotStopTheOthers() {
    String json =
        "{\"nftables\":[{\"table\":{\"family\":\"ip\",\"name\":\"odd\"}},"
            + "{\"chain\":{\"family\":\"ip\",\"table\":\"odd\",\"name\":\"log\"}},"
            + "{\"table\":{\"family\":\"ip\",\"name\":\"mine\"}},"
            + "{\"chain\":{\"family\":\"ip\",\"table\":\"mine\",\"name\":\"c\"}}]}";

    assertThat(NftJsonReader.ruleset(json)).extracting(Table::name).containsExactly("mine");
    assertThat(NftJsonReader.table(json, Family.IP, "mine")).isPresent();
    assertThatThrownBy(() -> NftJsonReader.table(json, Family.IP, "odd"))
        .hasMessage(
            "chain name: 'log' is an nft keyword, which nft cannot read as a name (example:"
                + " ocserv)");
  }

  @Test
  void exactFlagMatchesStayRaw() {
    String exact =
        "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\","
            + "\"field\":\"flags\"}},\"right\":\"syn\"}}";

    assertThat(statementsOf(listing(rule(exact)))).containsExactly(new RawStatement(exact));
  }

  @Test
  void otherFamiliesKeepPriorityNumbers() {
    String json =
        "{\"nftables\":[{\"table\":{\"family\":\"bridge\",\"name\":\"br\"}},"
            + "{\"chain\":{\"family\":\"bridge\",\"table\":\"br\",\"name\":\"f\","
            + "\"type\":\"filter\",\"hook\":\"forward\",\"prio\":0,\"policy\":\"accept\"}}]}";

    Table table = NftJsonReader.table(json, Family.BRIDGE, "br").orElseThrow();

    assertThat(table.chain("f").get().base().get().priority().keyword()).isEqualTo("0");
  }
}
