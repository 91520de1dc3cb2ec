package io.github.ocservnat.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.MssClamp;
import io.github.ocservnat.nft.model.NftText;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NatRulesetTest {
  @Test
  void defaultsMakeTheOcservTable() {
    assertThat(NftText.table(NatRuleset.table(NatConfig.defaults())))
        .isEqualTo(
            """
            table inet ocserv {
            \tchain forward {
            \t\ttype filter hook forward priority filter; policy accept;
            \t\tiifname "vpns*" oifname "eth0" tcp flags syn tcp option maxseg size set rt mtu
            \t\tiifname "eth0" oifname "vpns*" tcp flags syn tcp option maxseg size set rt mtu
            \t\tiifname "vpns*" oifname "eth0" accept
            \t\tiifname "eth0" oifname "vpns*" ct state established,related accept
            \t}

            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tiifname "eth0" meta nfproto ipv4 tcp flags syn tcp option maxseg size set 1460
            \t\tiifname "eth0" meta nfproto ipv6 tcp flags syn tcp option maxseg size set 1440
            \t}

            \tchain output {
            \t\ttype filter hook output priority filter; policy accept;
            \t\toifname "eth0" meta nfproto ipv4 tcp flags syn tcp option maxseg size set 1460
            \t\toifname "eth0" meta nfproto ipv6 tcp flags syn tcp option maxseg size set 1440
            \t}

            \tchain postrouting {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tip saddr 10.10.10.0/24 oifname "eth0" masquerade
            \t}
            }
            """);
  }

  @Test
  void withoutMssClampingOnlyForwardingAndMasqueradeRemain() {
    NatConfig config = NatConfig.builder().mssClamp(Optional.empty()).build();

    assertThat(NftText.table(NatRuleset.table(config)))
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
  void aFixedMssClampsEveryDirectionToThatSize() {
    NatConfig config = NatConfig.builder().mssClamp(Optional.of(MssClamp.to(1360))).build();

    String text = NftText.table(NatRuleset.table(config));

    assertThat(text)
        .contains(
            """
            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tiifname "eth0" tcp flags syn tcp option maxseg size set 1360
            \t}
            """)
        .contains(
            "\t\tiifname \"eth0\" oifname \"vpns*\" tcp flags syn tcp option maxseg size set 1360\n");
  }

  @Test
  void theServersOwnConnectionsAreClampedToTheUplinkMtuLessTheHeaders() {
    NatConfig config = NatConfig.builder().uplinkMtu(1280).build();

    assertThat(NftText.chain(NatRuleset.table(config).chain("output").orElseThrow()))
        .isEqualTo(
            """
            chain output {
            \ttype filter hook output priority filter; policy accept;
            \toifname "eth0" meta nfproto ipv4 tcp flags syn tcp option maxseg size set 1240
            \toifname "eth0" meta nfproto ipv6 tcp flags syn tcp option maxseg size set 1220
            }
            """);
  }

  @Test
  void severalSubnetsMakeASetAndWildcardUplinksARuleEach() {
    NatConfig config =
        NatConfig.builder()
            .mssClamp(Optional.empty())
            .vpnSubnets(
                List.of(
                    IpPrefix.parse("192.168.3.0/24"),
                    IpPrefix.parse("192.168.1.0/24"),
                    IpPrefix.parse("192.168.1.128/25")))
            .wanInterfaces(List.of(InterfaceName.exact("eth1"), InterfaceName.prefix("ppp")))
            .ipv6Nat(true)
            .build();

    assertThat(config.vpnSubnets())
        .containsExactly(IpPrefix.parse("192.168.3.0/24"), IpPrefix.parse("192.168.1.0/24"));
    assertThat(NftText.chain(NatRuleset.table(config).chain("postrouting").orElseThrow()))
        .isEqualTo(
            """
            chain postrouting {
            \ttype nat hook postrouting priority srcnat; policy accept;
            \tip saddr { 192.168.1.0/24, 192.168.3.0/24 } oifname "eth1" masquerade
            \tip saddr { 192.168.1.0/24, 192.168.3.0/24 } oifname "ppp*" masquerade
            \tip6 saddr fda9:4efe:7e3b:3ea::/64 oifname "eth1" masquerade
            \tip6 saddr fda9:4efe:7e3b:3ea::/64 oifname "ppp*" masquerade
            }
            """);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/16 10.1.0.0/16| ip saddr 10.0.0.0/15",
        "192.168.1.0/24 192.168.2.0/24| ip saddr 192.168.1.0-192.168.2.255",
        "10.7.0.0/16 10.5.0.0/16| ip saddr { 10.5.0.0/16, 10.7.0.0/16 }",
        "172.16.2.0/24 172.16.0.0/24 172.16.1.0/24 10.9.0.0/16| ip saddr { 10.9.0.0/16,"
            + " 172.16.0.0-172.16.2.255 }",
        "0.0.0.0/1 128.0.0.0/2| ip saddr 0.0.0.0-191.255.255.255",
        "fd00::/64 fd00:0:0:1::/64| ip6 saddr fd00::/63",
      })
  void subnetsThatTouchAreJoinedAsNftListsThem(String subnets, String match) {
    List<IpPrefix> prefixes = Arrays.stream(subnets.split(" ")).map(IpPrefix::parse).toList();
    NatConfig.Builder config = NatConfig.builder().mssClamp(Optional.empty()).ipv6Nat(true);
    if (prefixes.get(0).isIpv4()) {
      config.vpnSubnets(prefixes);
    } else {
      config.ipv6Subnets(prefixes);
    }

    assertThat(NftText.chain(NatRuleset.table(config.build()).chain("postrouting").orElseThrow()))
        .contains("\t" + match + " oifname \"eth0\" masquerade\n");
  }

  @Test
  void exactInterfaceNamesShareASetAndWildcardsDoNot() {
    NatConfig config =
        NatConfig.builder()
            .mssClamp(Optional.empty())
            .wanInterfaces(List.of(InterfaceName.exact("eth0"), InterfaceName.exact("eth1")))
            .vpnInterfaces(List.of(InterfaceName.prefix("vpns"), InterfaceName.prefix("vpnt")))
            .build();

    assertThat(NftText.chain(NatRuleset.table(config).chain("forward").orElseThrow()))
        .isEqualTo(
            """
            chain forward {
            \ttype filter hook forward priority filter; policy accept;
            \tiifname "vpns*" oifname { "eth0", "eth1" } accept
            \tiifname { "eth0", "eth1" } oifname "vpns*" ct state established,related accept
            \tiifname "vpnt*" oifname { "eth0", "eth1" } accept
            \tiifname { "eth0", "eth1" } oifname "vpnt*" ct state established,related accept
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
            .mssClamp(Optional.empty())
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
  void anUplinkThatIsAlsoATunnelIsRefused() {
    assertThatThrownBy(
            () ->
                NatConfig.builder()
                    .wanInterfaces(
                        List.of(InterfaceName.exact("eth0"), InterfaceName.exact("vpns0")))
                    .build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "wanInterfaces: 'vpns0' matches interfaces that vpnInterfaces 'vpns*' matches too; the"
                + " uplink and the tunnels must be different interfaces");
  }

  @Test
  void subnetsMustBeOfTheirFamilyAndNotEverything() {
    assertThatThrownBy(() -> NatConfig.builder().vpnSubnet(IpPrefix.parse("fd00::/64")))
        .hasMessage("vpnSubnets: 'fd00::/64' is an IPv6 prefix; vpnSubnets holds IPv4 ones");
    assertThatThrownBy(() -> NatConfig.builder().ipv6Subnet(IpPrefix.parse("::/0")))
        .hasMessage(
            "ipv6Subnets: '::/0' covers every address; masquerading it would rewrite all traffic"
                + " leaving the uplink, not just the VPN clients'");
    assertThatThrownBy(() -> NatConfig.builder().vpnSubnets(List.of()))
        .hasMessage("vpnSubnets: '[]' is empty; name at least one subnet");
    assertThatThrownBy(() -> NatConfig.builder().uplinkMtu(575))
        .hasMessage("uplinkMtu: '575' is not from 576 to 65535 (example: 1500)");
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
