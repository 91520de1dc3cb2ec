package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NftJsonTest {
  @Test
  void tableRendersAsNftListsIt() {
    assertThat(Golden.pretty(NftJson.table(Fixtures.natTable(false))))
        .isEqualTo(Golden.pretty(Golden.read("nat-table.json")));
  }

  @Test
  void replacingTransactionRendersAsCommands() {
    assertThat(Golden.pretty(NftJson.transaction(Transaction.replacing(Fixtures.natTable(false)))))
        .isEqualTo(Golden.pretty(Golden.read("nat-replace.json")));
  }

  @Test
  void rulesReadWithHandlesAreAddedWithoutThem() {
    Chain chain = Chain.builder("c").rule(Rule.of(Verdict.ACCEPT).withHandle(7)).build();
    Table table = Table.builder(Family.INET, "t").chain(chain).build();

    assertThat(NftJson.table(table)).contains("\"handle\":7");
    assertThat(NftJson.transaction(Transaction.builder().add(table).build()))
        .doesNotContain("handle");
    assertThat(NftJson.transaction(Transaction.builder().add(table.ref(), chain).build()))
        .doesNotContain("handle");
  }

  @Test
  void sameModelRendersSameBytes() {
    assertThat(NftJson.table(Fixtures.natTable(false)))
        .isEqualTo(NftJson.table(Fixtures.natTable(false)));
  }

  static Stream<Arguments> statements() {
    return Stream.of(
        Arguments.of(Verdict.ACCEPT, "{\"accept\":null}"),
        Arguments.of(Verdict.jump("helper"), "{\"jump\":{\"target\":\"helper\"}}"),
        Arguments.of(
            Match.tcpDport(AnonymousSet.of(Port.of(443), Port.of(80))),
            "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\","
                + "\"field\":\"dport\"}},\"right\":{\"set\":[80,443]}}}"),
        Arguments.of(
            Match.saddr(IpPrefix.parse("10.0.0.0/8")).negate(),
            "{\"match\":{\"op\":\"!=\",\"left\":{\"payload\":{\"protocol\":\"ip\",\"field\":"
                + "\"saddr\"}},\"right\":{\"prefix\":{\"addr\":\"10.0.0.0\",\"len\":8}}}}"),
        Arguments.of(
            Match.ctState(CtState.NEW),
            "{\"match\":{\"op\":\"in\",\"left\":{\"ct\":{\"key\":\"state\"}},\"right\":\"new\"}}"),
        Arguments.of(
            Match.tcpFlags(
                FlagSet.tcpFlags(TcpFlag.SYN), FlagSet.tcpFlags(TcpFlag.SYN, TcpFlag.RST)),
            "{\"match\":{\"op\":\"==\",\"left\":{\"&\":[{\"payload\":{\"protocol\":\"tcp\","
                + "\"field\":\"flags\"}},[\"syn\",\"rst\"]]},\"right\":\"syn\"}}"),
        Arguments.of(
            Match.tcpDport(Range.ports(1000, 2000)),
            "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\","
                + "\"field\":\"dport\"}},\"right\":{\"range\":[1000,2000]}}}"),
        Arguments.of(
            Match.of(new Meta(Meta.Key.IIFNAME), SetReference.to("ifs")),
            "{\"match\":{\"op\":\"==\",\"left\":{\"meta\":{\"key\":\"iifname\"}},"
                + "\"right\":\"@ifs\"}}"),
        Arguments.of(
            Reject.with(Reject.Type.ICMPX, "admin-prohibited"),
            "{\"reject\":{\"type\":\"icmpx\",\"expr\":\"admin-prohibited\"}}"),
        Arguments.of(Reject.tcpReset(), "{\"reject\":{\"type\":\"tcp reset\"}}"),
        Arguments.of(new Masquerade(), "{\"masquerade\":null}"),
        Arguments.of(
            Masquerade.toPorts(1024, 65535).with(NatFlag.RANDOM),
            "{\"masquerade\":{\"port\":{\"range\":[1024,65535]},\"flags\":[\"random\"]}}"),
        Arguments.of(
            Nat.dnat(IpPrefix.host("2001:db8::10"), 443),
            "{\"dnat\":{\"family\":\"ip6\",\"addr\":\"2001:db8::10\",\"port\":443}}"),
        Arguments.of(Counter.anonymous(), "{\"counter\":null}"),
        Arguments.of(Counter.named("c1"), "{\"counter\":\"c1\"}"),
        Arguments.of(
            Log.prefix("vpn: ").at(LogLevel.INFO),
            "{\"log\":{\"prefix\":\"vpn: \",\"level\":\"info\"}}"),
        Arguments.of(
            new Limit(10, Limit.Unit.MINUTE, 20, true),
            "{\"limit\":{\"rate\":10,\"burst\":20,\"per\":\"minute\",\"inv\":true}}"),
        Arguments.of(
            MssClamp.toRouteMtu(),
            "{\"mangle\":{\"key\":{\"tcp option\":{\"name\":\"maxseg\",\"field\":\"size\"}},"
                + "\"value\":{\"rt\":{\"key\":\"mtu\"}}}}"),
        Arguments.of(
            MssClamp.to(1360),
            "{\"mangle\":{\"key\":{\"tcp option\":{\"name\":\"maxseg\",\"field\":\"size\"}},"
                + "\"value\":1360}}"),
        Arguments.of(
            new MarkSet(Mark.of(2)),
            "{\"mangle\":{\"key\":{\"meta\":{\"key\":\"mark\"}},\"value\":2}}"),
        Arguments.of(new RawStatement("{\"queue\":{\"num\":3}}"), "{\"queue\":{\"num\":3}}"));
  }

  @ParameterizedTest
  @MethodSource
  void statements(Statement statement, String json) {
    assertThat(NftJson.statement(statement).toString()).isEqualTo(json);
  }

  @Test
  void setsAndMapsRenderTheirElementsSorted() {
    NamedSet set =
        NamedSet.builder("pairs", Datatype.IPV4_ADDR, Datatype.INET_SERVICE)
            .elements(
                Concat.of(IpPrefix.host("192.0.2.2"), Port.of(22)),
                Concat.of(IpPrefix.host("192.0.2.1"), Port.of(443)))
            .build();
    NamedMap map =
        NamedMap.builder("backends", Datatype.INET_SERVICE, Datatype.IPV4_ADDR)
            .entry(Port.of(443), IpPrefix.host("192.0.2.11"))
            .entry(Port.of(80), IpPrefix.host("192.0.2.10"))
            .build();
    Table table = Table.builder(Family.IP, "t").set(set).map(map).build();

    assertThat(NftJson.table(table))
        .isEqualTo(
            "{\"nftables\":[{\"metainfo\":{\"json_schema_version\":1}},"
                + "{\"table\":{\"family\":\"ip\",\"name\":\"t\"}},"
                + "{\"set\":{\"family\":\"ip\",\"table\":\"t\",\"name\":\"pairs\","
                + "\"type\":[\"ipv4_addr\",\"inet_service\"],"
                + "\"elem\":[{\"concat\":[\"192.0.2.1\",443]},{\"concat\":[\"192.0.2.2\",22]}]}},"
                + "{\"map\":{\"family\":\"ip\",\"table\":\"t\",\"name\":\"backends\","
                + "\"type\":\"inet_service\",\"map\":\"ipv4_addr\","
                + "\"elem\":[[80,\"192.0.2.10\"],[443,\"192.0.2.11\"]]}}]}");
    assertThat(set.elements()).hasSize(2);
  }
}
