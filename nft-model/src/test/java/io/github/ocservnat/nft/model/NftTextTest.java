package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NftTextTest {
  @Test
  void tableRendersAsNftListPrintsIt() {
    assertThat(NftText.table(Fixtures.natTable(true)))
        .isEqualTo(
            """
            table inet ocserv {
            \tchain forward {
            \t\ttype filter hook forward priority filter; policy accept;
            \t\tiifname "vpns*" oifname "eth0" accept
            \t\tiifname "eth0" oifname "vpns*" ct state established,related accept
            \t}

            \tchain postrouting {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tip saddr 10.10.10.0/24 oifname "eth0" masquerade
            \t\tip6 saddr fda9:4efe:7e3b:3ea::/64 oifname "eth0" masquerade
            \t}
            }
            """);
  }

  @Test
  void sameModelRendersSameBytes() {
    assertThat(NftText.table(Fixtures.natTable(true)))
        .isEqualTo(NftText.table(Fixtures.natTable(true)));
    assertThat(Fixtures.natTable(true).toString())
        .isEqualTo(NftText.table(Fixtures.natTable(true)));
  }

  @Test
  void regularChainAndNumericPriority() {
    Table table =
        Table.builder(Family.IP, "t")
            .chain(
                Chain.builder("in")
                    .base(new BaseChain(ChainType.FILTER, Hook.INPUT, Priority.of(-5), Policy.DROP))
                    .build())
            .chain(Chain.builder("helper").rule(Verdict.RETURN).build())
            .build();

    assertThat(NftText.table(table))
        .isEqualTo(
            """
            table ip t {
            \tchain in {
            \t\ttype filter hook input priority -5; policy drop;
            \t}

            \tchain helper {
            \t\treturn
            \t}
            }
            """);
  }

  @Test
  void replacingTransactionAddsDeletesAndAddsAgain() {
    Table table =
        Table.builder(Family.INET, "ocserv")
            .chain(
                Chain.builder("forward")
                    .base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER)
                    .build())
            .build();

    assertThat(NftText.transaction(Transaction.replacing(table)))
        .isEqualTo(
            """
            add table inet ocserv
            delete table inet ocserv
            table inet ocserv {
            \tchain forward {
            \t\ttype filter hook forward priority filter; policy accept;
            \t}
            }
            """);
  }

  @Test
  void onlyTransactionsWithoutRawStatementsHaveATextForm() {
    RawStatement ttl =
        new RawStatement(
            "{ \"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"ip\","
                + " \"field\": \"ttl\"}}, \"right\": 64} }");
    Table withRaw =
        Table.builder(Family.INET, "raw")
            .chain(Chain.builder("c").rule(ttl, Verdict.ACCEPT).build())
            .build();

    assertThat(NftText.canRender(Transaction.replacing(Fixtures.natTable(true)))).isTrue();
    assertThat(NftText.canRender(Transaction.replacing(withRaw))).isFalse();
    assertThat(ttl.json())
        .isEqualTo(
            "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"ip\","
                + "\"field\":\"ttl\"}},\"right\":64}}");
  }
}
