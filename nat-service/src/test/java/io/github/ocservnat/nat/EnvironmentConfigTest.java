package io.github.ocservnat.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentConfigTest {
  @Test
  void emptyEnvironmentGivesTheShellScriptsDefaults() throws ConfigException {
    NatConfig config = EnvironmentConfig.read(Map.of());

    assertThat(config).isEqualTo(NatConfig.defaults());
    assertThat(config.vpnSubnet()).isEqualTo(IpPrefix.parse("10.10.10.0/24"));
    assertThat(config.wanInterface()).isEqualTo(InterfaceName.exact("eth0"));
    assertThat(config.vpnInterface()).isEqualTo(InterfaceName.prefix("vpns"));
    assertThat(config.ipv6Forward()).isTrue();
    assertThat(config.ipv6Nat()).isFalse();
    assertThat(config.ipv6Subnet()).isEqualTo(IpPrefix.parse("fda9:4efe:7e3b:03ea::/64"));
    assertThat(config.tableName()).isEqualTo("ocserv");
  }

  static Stream<Arguments> eachVariableChangesItsPart() {
    return Stream.of(
        change(
            "VPN_SUBNET",
            "192.168.99.0/24",
            NatConfig::vpnSubnet,
            IpPrefix.parse("192.168.99.0/24")),
        change("VPN_SUBNET", " 10.0.0.0/8 ", NatConfig::vpnSubnet, IpPrefix.parse("10.0.0.0/8")),
        change("WAN_IF", "ens3", NatConfig::wanInterface, InterfaceName.exact("ens3")),
        change("WAN_IF", "eth*", NatConfig::wanInterface, InterfaceName.prefix("eth")),
        change("WAN_IF", "eth+", NatConfig::wanInterface, InterfaceName.prefix("eth")),
        change("VPN_IF", "tun+", NatConfig::vpnInterface, InterfaceName.prefix("tun")),
        change("VPN_IF", "tun*", NatConfig::vpnInterface, InterfaceName.prefix("tun")),
        change("VPN_IF", "vpns0", NatConfig::vpnInterface, InterfaceName.exact("vpns0")),
        change("IPV6_FORWARD", "0", NatConfig::ipv6Forward, false),
        change("IPV6_FORWARD", "1", NatConfig::ipv6Forward, true),
        change("IPV6_NAT", "1", NatConfig::ipv6Nat, true),
        change("IPV6_NAT", "0", NatConfig::ipv6Nat, false),
        change(
            "IPV6_SUBNET",
            "2001:db8:1::/48",
            NatConfig::ipv6Subnet,
            IpPrefix.parse("2001:db8:1::/48")));
  }

  private static Arguments change(
      String variable, String value, Function<NatConfig, Object> part, Object expected) {
    return Arguments.of(variable, value, part, expected);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource
  void eachVariableChangesItsPart(
      String variable, String value, Function<NatConfig, Object> part, Object expected)
      throws ConfigException {
    NatConfig config = EnvironmentConfig.read(Map.of(variable, value));

    assertThat(part.apply(config)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}=''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "VPN_SUBNET| 10.10.0| VPN_SUBNET: '10.10.0' is not an IP prefix: '10.10.0' is not an IPv4"
            + " or IPv6 address (example: 10.10.10.0/24)",
        "VPN_SUBNET| 10.10.10.0| VPN_SUBNET: '10.10.10.0' has no prefix length (example:"
            + " 10.10.10.0/24)",
        "VPN_SUBNET| 10.10.10.1/24| VPN_SUBNET: '10.10.10.1/24' has host bits set (did you mean"
            + " 10.10.10.0/24?)",
        "VPN_SUBNET| fda9::/64| VPN_SUBNET: 'fda9::/64' is an IPv6 prefix; VPN_SUBNET takes an IPv4"
            + " prefix, IPV6_SUBNET the IPv6 one (example: 10.10.10.0/24)",
        "VPN_SUBNET| ''| VPN_SUBNET: '' is empty; unset it for the default or set a value"
            + " (example: 10.10.10.0/24)",
        "VPN_SUBNET| '  '| VPN_SUBNET: '  ' is empty; unset it for the default or set a value"
            + " (example: 10.10.10.0/24)",
        "IPV6_SUBNET| 10.10.10.0/24| IPV6_SUBNET: '10.10.10.0/24' is an IPv4 prefix; IPV6_SUBNET"
            + " takes an IPv6 prefix, VPN_SUBNET the IPv4 one (example: fda9:4efe:7e3b:3ea::/64)",
        "IPV6_SUBNET| fda9:4efe::/129| IPV6_SUBNET: 'fda9:4efe::/129' has prefix length '129'; it"
            + " must be a number from 0 to 128 for IPv6",
        "WAN_IF| ''| WAN_IF: '' is empty; unset it for the default or set a value (example: eth0)",
        "WAN_IF| eth0 eth1| WAN_IF: 'eth0 eth1' is a list; WAN_IF takes one value for now"
            + " (example: eth0)",
        "WAN_IF| eth 0| WAN_IF: 'eth 0' is a list; WAN_IF takes one value for now (example: eth0)",
        "VPN_IF| vpns+,tun+| VPN_IF: 'vpns+,tun+' is a list; VPN_IF takes one value for now"
            + " (example: vpns+)",
        "VPN_SUBNET| 10.0.0.0/8 10.1.0.0/16| VPN_SUBNET: '10.0.0.0/8 10.1.0.0/16' is a list;"
            + " VPN_SUBNET takes one value for now (example: 10.10.10.0/24)",
        "VPN_SUBNET| 0.0.0.0/0| VPN_SUBNET: '0.0.0.0/0' covers every address; masquerading it"
            + " would rewrite all traffic leaving the uplink, not just the VPN clients'",
        "IPV6_SUBNET| ::/0| IPV6_SUBNET: '::/0' covers every address; masquerading it would"
            + " rewrite all traffic leaving the uplink, not just the VPN clients'",
        "VPN_IF| vpns++| VPN_IF: 'vpns++' has a '+' or '*' before the end; only a trailing one"
            + " makes a prefix (example: vpns+)",
        "VPN_IF| vpns+*| VPN_IF: 'vpns+*' has a '+' or '*' before the end; only a trailing one"
            + " makes a prefix (example: vpns+)",
        "VPN_IF| abcdefghijklmno+| VPN_IF: 'abcdefghijklmno+' is a wildcard with a 15-byte"
            + " prefix; with the '*' nft allows at most 14",
        "VPN_IF| eth0| WAN_IF: 'eth0' matches interfaces that VPN_IF 'eth0' matches too; the"
            + " uplink and the tunnel interfaces must be different (example: WAN_IF=eth0"
            + " VPN_IF=vpns+)",
        "WAN_IF| vpns0| WAN_IF: 'vpns0' matches interfaces that VPN_IF 'vpns*' matches too; the"
            + " uplink and the tunnel interfaces must be different (example: WAN_IF=eth0"
            + " VPN_IF=vpns+)",
        "WAN_IF| averyveryverylongname| WAN_IF: 'averyveryverylongname' is 21 bytes long; the"
            + " kernel allows at most 15",
        "VPN_IF| +| VPN_IF: '+' is a wildcard without a prefix (example: vpns+)",
        "VPN_IF| vp\"ns+| VPN_IF: 'vp\"ns+' contains '\"'; interface names are printable ASCII"
            + " without spaces, '/', ':', quotes or backslashes (example: vpns+)",
        "IPV6_FORWARD| yes| IPV6_FORWARD: 'yes' is not 0 or 1 (example: 1)",
        "IPV6_NAT| ''| IPV6_NAT: '' is empty; unset it for the default or set 0 or 1 (example:"
            + " 1)",
        "IPV6_NAT| 2| IPV6_NAT: '2' is not 0 or 1 (example: 1)",
      })
  void badValuesAreRejectedByName(String variable, String value, String message) {
    assertThatThrownBy(() -> EnvironmentConfig.read(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
