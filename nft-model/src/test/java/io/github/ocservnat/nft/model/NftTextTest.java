package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NftTextTest {
  private static final InterfaceName VPN = InterfaceName.parse("vpns*");
  private static final InterfaceName WAN = InterfaceName.parse("eth0");

  private static Table natTable() {
    Chain forward =
        Chain.builder("forward")
            .base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER)
            .rule(Match.iifname(VPN), Match.oifname(WAN), Verdict.ACCEPT)
            .rule(
                Match.iifname(WAN),
                Match.oifname(VPN),
                Match.ctState(CtState.RELATED, CtState.ESTABLISHED),
                Verdict.ACCEPT)
            .build();
    Chain postrouting =
        Chain.builder("postrouting")
            .base(ChainType.NAT, Hook.POSTROUTING, Priority.SRCNAT)
            .rule(
                Match.saddr(IpPrefix.parse("10.10.10.0/24")), Match.oifname(WAN), new Masquerade())
            .rule(
                Match.saddr(IpPrefix.parse("fda9:4efe:7e3b:03ea::/64")),
                Match.oifname(WAN),
                new Masquerade())
            .build();
    return Table.builder(Family.INET, "ocserv").chain(forward).chain(postrouting).build();
  }

  @Test
  void tableRendersAsNftListPrintsIt() {
    assertThat(NftText.table(natTable()))
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
    assertThat(NftText.table(natTable())).isEqualTo(NftText.table(natTable()));
    assertThat(natTable().toString()).isEqualTo(NftText.table(natTable()));
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
}
