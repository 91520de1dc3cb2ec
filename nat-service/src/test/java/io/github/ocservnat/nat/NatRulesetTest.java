package io.github.ocservnat.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.NftText;
import org.junit.jupiter.api.Test;

class NatRulesetTest {
  @Test
  void defaultsMakeTheOcservTable() {
    assertThat(NftText.table(NatRuleset.table(NatConfig.defaults())))
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
            \t}
            }
            """);
  }

  @Test
  void ipv6NatMasqueradesTheIpv6Subnet() {
    NatConfig config = NatConfig.builder().ipv6Nat(true).build();

    assertThat(NftText.chain(NatRuleset.table(config).chain("postrouting").orElseThrow()))
        .isEqualTo(
            """
            chain postrouting {
            \ttype nat hook postrouting priority srcnat; policy accept;
            \tip saddr 10.10.10.0/24 oifname "eth0" masquerade
            \tip6 saddr fda9:4efe:7e3b:3ea::/64 oifname "eth0" masquerade
            }
            """);
  }

  @Test
  void otherVpnsBringTheirOwnNames() {
    NatConfig wireguard =
        NatConfig.builder()
            .tableName("wireguard")
            .vpnInterface(InterfaceName.exact("wg0"))
            .wanInterface(InterfaceName.exact("ens3"))
            .vpnSubnet(IpPrefix.parse("10.8.0.0/24"))
            .build();

    assertThat(NftText.table(NatRuleset.table(wireguard)))
        .isEqualTo(
            """
            table inet wireguard {
            \tchain forward {
            \t\ttype filter hook forward priority filter; policy accept;
            \t\tiifname "wg0" oifname "ens3" accept
            \t\tiifname "ens3" oifname "wg0" ct state established,related accept
            \t}

            \tchain postrouting {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tip saddr 10.8.0.0/24 oifname "ens3" masquerade
            \t}
            }
            """);
  }

  @Test
  void replaceSwapsTheWholeTableInOneTransaction() {
    assertThat(NatRuleset.replace(NatConfig.defaults()).toString())
        .startsWith(
            """
            add table inet ocserv
            delete table inet ocserv
            table inet ocserv {
            """)
        .endsWith(NftText.table(NatRuleset.table(NatConfig.defaults())));
  }
}
