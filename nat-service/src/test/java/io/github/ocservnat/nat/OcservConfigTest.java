package io.github.ocservnat.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ocservnat.nat.OcservConfig.Setting;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OcservConfigTest {
  private static final String SOURCE = "ocserv.conf";

  static Stream<Arguments> readsEachForm() {
    return Stream.of(
        form(
            "network with netmask",
            lines("ipv4-network = 192.168.1.0", "ipv4-netmask = 255.255.255.0"),
            List.of("192.168.1.0/24 from ocserv.conf:1"),
            List.of()),
        form(
            "netmask before network",
            lines("ipv4-netmask = 255.255.0.0", "ipv4-network = 10.1.0.0"),
            List.of("10.1.0.0/16 from ocserv.conf:2"),
            List.of()),
        form(
            "prefix",
            lines("ipv4-network = 192.168.1.0/24"),
            List.of("192.168.1.0/24 from ocserv.conf:1"),
            List.of()),
        form(
            "prefix with a netmask that agrees",
            lines("ipv4-network = 192.168.1.0/24", "ipv4-netmask = 255.255.255.0"),
            List.of("192.168.1.0/24 from ocserv.conf:1"),
            List.of()),
        form(
            "a single address",
            lines("ipv4-network = 192.168.1.7", "ipv4-netmask = 255.255.255.255"),
            List.of("192.168.1.7 from ocserv.conf:1"),
            List.of()),
        form(
            "tabs and spaces",
            "\tipv4-network \t=\t 10.10.0.0/16 \t\n",
            List.of("10.10.0.0/16 from ocserv.conf:1"),
            List.of()),
        form(
            "no spaces",
            lines("ipv4-network=10.10.0.0/16"),
            List.of("10.10.0.0/16 from ocserv.conf:1"),
            List.of()),
        form(
            "colon as separator",
            lines("ipv4-network: 10.10.0.0/16", "ipv6-network:fda9::/64"),
            List.of("10.10.0.0/16 from ocserv.conf:1"),
            List.of("fda9::/64 from ocserv.conf:2")),
        form(
            "quotes",
            lines("ipv4-network = \"10.10.0.0/16\""),
            List.of("10.10.0.0/16 from ocserv.conf:1"),
            List.of()),
        form(
            "inline comment",
            lines("ipv4-network = 10.10.0.0/16 # the office", "ipv6-network = fda9::/64\t#"),
            List.of("10.10.0.0/16 from ocserv.conf:1"),
            List.of("fda9::/64 from ocserv.conf:2")),
        form(
            "comments and blank lines",
            lines(
                "# ipv4-network = 10.0.0.0/8",
                "; ipv4-network = 10.0.0.0/8",
                "   # ipv4-network = 10.0.0.0/8",
                "",
                " \t ",
                "ipv4-network = 10.10.0.0/16",
                "#ipv4-network = 10.0.0.0/8"),
            List.of("10.10.0.0/16 from ocserv.conf:6"),
            List.of()),
        form(
            "Windows line endings",
            "ipv4-network = 10.10.0.0\r\nipv4-netmask = 255.255.0.0\r\n",
            List.of("10.10.0.0/16 from ocserv.conf:1"),
            List.of()),
        form(
            "no final newline",
            "dns = 10.0.0.1\nipv4-network = 10.10.0.0/16",
            List.of("10.10.0.0/16 from ocserv.conf:2"),
            List.of()),
        form(
            "byte order mark",
            "\uFEFFipv4-network = 10.10.0.0/16\n",
            List.of("10.10.0.0/16 from ocserv.conf:1"),
            List.of()),
        form(
            "non-ASCII elsewhere",
            lines(
                "# Größe des Netzes ☺", "banner = Willkommen, Gäste", "ipv4-network = 10.1.0.0/16"),
            List.of("10.1.0.0/16 from ocserv.conf:3"),
            List.of()),
        form(
            "IPv6 prefix, written the long way",
            lines("ipv6-network = FDA9:4EFE:7E3B:03EA:0:0:0:0/64"),
            List.of(),
            List.of("fda9:4efe:7e3b:3ea::/64 from ocserv.conf:1")),
        form(
            "IPv6 address with ipv6-prefix",
            lines("ipv6-network = fda9:4efe::", "ipv6-prefix = 48"),
            List.of(),
            List.of("fda9:4efe::/48 from ocserv.conf:1")),
        form(
            "ipv6-prefix before the network, with a leading zero",
            lines("ipv6-prefix = 064", "ipv6-network = fda9:4efe:7e3b:3ea::"),
            List.of(),
            List.of("fda9:4efe:7e3b:3ea::/64 from ocserv.conf:2")),
        form(
            "IPv6 prefix with an ipv6-prefix that agrees",
            lines("ipv6-network = fda9::/64", "ipv6-prefix = 64"),
            List.of(),
            List.of("fda9::/64 from ocserv.conf:1")),
        form(
            "the last of a repeated key counts",
            lines(
                "ipv4-network = 10.1.0.0/16",
                "ipv4-netmask = 255.0.0.0",
                "ipv4-network = 10.2.0.0",
                "ipv4-netmask = 255.255.0.0"),
            List.of("10.2.0.0/16 from ocserv.conf:3"),
            List.of()),
        form(
            "global first, then virtual hosts in file order",
            lines(
                "[vhost:b.example.com]",
                "ipv4-network = 10.2.0.0/16",
                "ipv6-network = fda9:2::/64",
                "[vhost:a.example.com]",
                "ipv4-network = 10.3.0.0/16"),
            List.of(
                "10.2.0.0/16 from ocserv.conf:2 [vhost:b.example.com]",
                "10.3.0.0/16 from ocserv.conf:5 [vhost:a.example.com]"),
            List.of("fda9:2::/64 from ocserv.conf:3 [vhost:b.example.com]")),
        form(
            "a virtual host's name is trimmed",
            lines("[vhost: cert.example.com\t ]", "ipv4-network = 10.2.0.0/16"),
            List.of("10.2.0.0/16 from ocserv.conf:2 [vhost:cert.example.com]"),
            List.of()),
        form(
            "a second section of a virtual host continues the first",
            lines(
                "ipv4-network = 10.1.0.0/16",
                "[vhost:a]",
                "ipv4-network = 10.2.0.0",
                "[vhost:b]",
                "ipv4-network = 10.3.0.0/16",
                "[vhost:a]",
                "ipv4-netmask = 255.255.0.0"),
            List.of(
                "10.1.0.0/16 from ocserv.conf:1",
                "10.2.0.0/16 from ocserv.conf:3 [vhost:a]",
                "10.3.0.0/16 from ocserv.conf:5 [vhost:b]"),
            List.of()),
        form(
            "the same network twice",
            lines("ipv4-network = 10.1.0.0/16", "[vhost:a]", "ipv4-network = 10.1.0.0/16"),
            List.of("10.1.0.0/16 from ocserv.conf:1", "10.1.0.0/16 from ocserv.conf:3 [vhost:a]"),
            List.of()),
        form(
            "an empty header returns to the global section",
            lines("[vhost:a]", "ipv4-network = 10.2.0.0/16", "[]", "ipv4-network = 10.1.0.0/16"),
            List.of("10.1.0.0/16 from ocserv.conf:4", "10.2.0.0/16 from ocserv.conf:2 [vhost:a]"),
            List.of()),
        form(
            "an indented line continues another key",
            lines(
                "banner = Welcome",
                "  to the VPN",
                "",
                "\tof example.org",
                "ipv4-network = 10.1.0.0/16"),
            List.of("10.1.0.0/16 from ocserv.conf:5"),
            List.of()),
        form(
            "other keys and other cases are not read",
            lines(
                "route = 10.0.0.0/8",
                "ipv4-dns = 10.0.0.1",
                "ipv6-subnet-prefix = 64",
                "IPV4-NETWORK = @VPNNET@",
                "ipv4-network-x = 10.0.0.0/8",
                "= 10.0.0.0/8"),
            List.of(),
            List.of()),
        form("empty file", "", List.of(), List.of()),
        form("netmask without network", lines("ipv4-netmask = 255.0.0.0"), List.of(), List.of()));
  }

  private static Arguments form(String name, String text, List<String> ipv4, List<String> ipv6) {
    return Arguments.of(name, text, ipv4, ipv6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void readsEachForm(String name, String text, List<String> ipv4, List<String> ipv6)
      throws ConfigException {
    OcservConfig config = OcservConfig.parse(text, SOURCE);

    assertThat(rendered(config.ipv4Networks())).containsExactlyElementsOf(ipv4);
    assertThat(rendered(config.ipv6Networks())).containsExactlyElementsOf(ipv6);
    assertThat(config.device()).isEmpty();
    assertThat(config.warnings()).isEmpty();
  }

  static Stream<Arguments> readsTheDevice() {
    return Stream.of(
        Arguments.of(lines("device = vpns"), "vpns* from ocserv.conf:1"),
        Arguments.of(lines("device=\"tun\""), "tun* from ocserv.conf:1"),
        Arguments.of(lines("device = tun", "device = vpns"), "vpns* from ocserv.conf:2"),
        Arguments.of(lines("device = abcdefghijklmn"), "abcdefghijklmn* from ocserv.conf:1"),
        Arguments.of(
            lines("device = vpns", "[vhost:a]", "auth = certificate"), "vpns* from ocserv.conf:1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void readsTheDevice(String text, String expected) throws ConfigException {
    Optional<Setting<InterfaceName>> device = OcservConfig.parse(text, SOURCE).device();

    assertThat(device.map(OcservConfigTest::describe)).contains(expected);
  }

  static Stream<Arguments> warnsWhereOcservDoes() {
    return Stream.of(
        Arguments.of(
            lines("[global]", "ipv4-network = 10.1.0.0/16"),
            List.of(
                "ocserv.conf:1: section '[global]' is not a virtual host; ocserv skips it and its"
                    + " settings, and so does init-nat (example: [vhost:vpn.example.com])")),
        Arguments.of(
            lines("[VHOST:a]", "[ vhost:b ]"),
            List.of(
                "ocserv.conf:1: section '[VHOST:a]' is not a virtual host; ocserv skips it and its"
                    + " settings, and so does init-nat (example: [vhost:vpn.example.com])",
                "ocserv.conf:2: section '[ vhost:b ]' is not a virtual host; ocserv skips it and"
                    + " its settings, and so does init-nat (example: [vhost:vpn.example.com])")),
        Arguments.of(
            lines("device = vpns", "[vhost:a]", "device = tun"),
            List.of(
                "ocserv.conf:3 [vhost:a]: device 'tun' is ignored in a virtual host; ocserv takes"
                    + " the device from the global section only")));
  }

  @ParameterizedTest
  @MethodSource
  void warnsWhereOcservDoes(String text, List<String> warnings) throws ConfigException {
    OcservConfig config = OcservConfig.parse(text, SOURCE);

    assertThat(config.warnings()).containsExactlyElementsOf(warnings);
    assertThat(config.ipv4Networks()).isEmpty();
  }

  static Stream<Arguments> refusesWhatCannotBeUsed() {
    return Stream.of(
        // Values that are not what the key takes.
        refused(
            lines("ipv4-network = @VPNNET@"),
            "ocserv.conf:1: ipv4-network '@VPNNET@' is not an IPv4 address or prefix (example:"
                + " ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv6-network = @VPNNET6@"),
            "ocserv.conf:1: ipv6-network '@VPNNET6@' is not an IPv6 address or prefix (example:"
                + " ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv4-network = 10.1.0"),
            "ocserv.conf:1: ipv4-network '10.1.0' is not an IPv4 address or prefix (example:"
                + " ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network = vpn.example.com/24"),
            "ocserv.conf:1: ipv4-network 'vpn.example.com/24' is not an IPv4 address or prefix"
                + " (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network = 10.1.0.0 /16"),
            "ocserv.conf:1: ipv4-network '10.1.0.0 /16' is not an IPv4 address or prefix"
                + " (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network ="),
            "ocserv.conf:1: ipv4-network '' is empty (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv6-network = \"\""),
            "ocserv.conf:1: ipv6-network '' is empty (example: ipv6-network ="
                + " fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv4-network = fda9::/64"),
            "ocserv.conf:1: ipv4-network 'fda9::/64' is IPv6; an IPv6 network goes in"
                + " ipv6-network (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv6-network = 192.168.1.0/24"),
            "ocserv.conf:1: ipv6-network '192.168.1.0/24' is IPv4; an IPv4 network goes in"
                + " ipv4-network (example: ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv6-network = ::ffff:192.168.1.0/120"),
            "ocserv.conf:1: ipv6-network '::ffff:192.168.1.0/120' is not an IPv6 address or"
                + " prefix (example: ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv4-network = 10.1.0.0/33"),
            "ocserv.conf:1: ipv4-network '10.1.0.0/33' has prefix length '33'; it must be a"
                + " number from 1 to 32 for IPv4 (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv6-network = fda9::/"),
            "ocserv.conf:1: ipv6-network 'fda9::/' has prefix length ''; it must be a number"
                + " from 1 to 128 for IPv6 (example: ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv4-network = 10.1.0.0/１６"),
            "ocserv.conf:1: ipv4-network '10.1.0.0/１６' has prefix length '１６'; it must be a"
                + " number from 1 to 32 for IPv4 (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network = 10.1.0.0/16/24"),
            "ocserv.conf:1: ipv4-network '10.1.0.0/16/24' has prefix length '16/24'; it must be"
                + " a number from 1 to 32 for IPv4 (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network = 10.1.0.0#/16"),
            "ocserv.conf:1: ipv4-network '10.1.0.0#/16' is not an IPv4 address or prefix"
                + " (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network = 0.0.0.0/0"),
            "ocserv.conf:1: ipv4-network '0.0.0.0/0' covers every address; masquerading it would"
                + " rewrite all traffic leaving the uplink, not just the VPN clients' (example:"
                + " ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv6-network = ::/0"),
            "ocserv.conf:1: ipv6-network '::/0' covers every address; masquerading it would"
                + " rewrite all traffic leaving the uplink, not just the VPN clients' (example:"
                + " ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv4-network = 192.168.1.5/24"),
            "ocserv.conf:1: ipv4-network '192.168.1.5/24' has host bits set; the network is"
                + " 192.168.1.0/24 (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv6-network = fda9:4efe:7e3b:3ea::1/64"),
            "ocserv.conf:1: ipv6-network 'fda9:4efe:7e3b:3ea::1/64' has host bits set; the"
                + " network is fda9:4efe:7e3b:3ea::/64 (example: ipv6-network ="
                + " fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv4-network = " + "1".repeat(100)),
            "ocserv.conf:1: ipv4-network '"
                + "1".repeat(80)
                + "...' (100 characters) is not an IPv4 address or prefix (example: ipv4-network"
                + " = 192.168.1.0/24)"),

        // The netmask.
        refused(
            lines("ipv4-network = 192.168.1.0", "ipv4-netmask = 24"),
            "ocserv.conf:2: ipv4-netmask '24' is not an IPv4 netmask (example: ipv4-netmask ="
                + " 255.255.255.0)"),
        refused(
            lines("ipv4-netmask = ffff:ffff::"),
            "ocserv.conf:1: ipv4-netmask 'ffff:ffff::' is not an IPv4 netmask (example:"
                + " ipv4-netmask = 255.255.255.0)"),
        refused(
            lines("ipv4-netmask ="),
            "ocserv.conf:1: ipv4-netmask '' is empty (example: ipv4-netmask = 255.255.255.0)"),
        refused(
            lines("ipv4-netmask = 255.0.255.0"),
            "ocserv.conf:1: ipv4-netmask '255.0.255.0' is not a contiguous netmask; its one bits"
                + " must all come first (example: ipv4-netmask = 255.255.255.0)"),
        refused(
            lines("ipv4-netmask = 0.255.255.255"),
            "ocserv.conf:1: ipv4-netmask '0.255.255.255' is not a contiguous netmask; its one"
                + " bits must all come first (example: ipv4-netmask = 255.255.255.0)"),
        refused(
            lines("ipv4-netmask = 0.0.0.0"),
            "ocserv.conf:1: ipv4-netmask '0.0.0.0' is /0, which covers every address;"
                + " masquerading it would rewrite all traffic leaving the uplink, not just the"
                + " VPN clients' (example: ipv4-netmask = 255.255.255.0)"),

        // How the network and the netmask or prefix length fit.
        refused(
            lines("ipv4-network = 192.168.1.0"),
            "ocserv.conf:1: ipv4-network '192.168.1.0' has no netmask; add ipv4-netmask to the"
                + " same section or write the length (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines(
                "ipv4-network = 192.168.1.0",
                "ipv4-netmask = 255.255.255.0",
                "[vhost:www.example.com]",
                "ipv4-network = 192.168.2.0"),
            "ocserv.conf:4 [vhost:www.example.com]: ipv4-network '192.168.2.0' has no netmask;"
                + " add ipv4-netmask to the same section or write the length (example:"
                + " ipv4-network = 192.168.2.0/24)"),
        refused(
            lines("ipv4-network = 192.168.1.0/24", "", "ipv4-netmask = 255.255.0.0"),
            "ocserv.conf:1: ipv4-network '192.168.1.0/24' disagrees with ipv4-netmask"
                + " '255.255.0.0' (/16) on line 3; give only one of them, or make them agree"
                + " (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network = 192.168.1.5", "ipv4-netmask = 255.255.255.0"),
            "ocserv.conf:1: ipv4-network '192.168.1.5' has host bits set for ipv4-netmask"
                + " '255.255.255.0' on line 2; the network is 192.168.1.0/24 (example:"
                + " ipv4-network = 192.168.1.0)"),
        refused(
            lines("ipv4-network = 192.168.1.5"),
            "ocserv.conf:1: ipv4-network '192.168.1.5' has no netmask; add ipv4-netmask to the"
                + " same section or write the length (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv6-network = fda9::1"),
            "ocserv.conf:1: ipv6-network 'fda9::1' has no prefix length; add it, or ipv6-prefix"
                + " to the same section, since ocserv needs one (example: ipv6-network ="
                + " fda9::/64)"),
        refused(
            lines("ipv6-network = fe80::"),
            "ocserv.conf:1: ipv6-network 'fe80::' has no prefix length; add it, or ipv6-prefix"
                + " to the same section, since ocserv needs one (example: ipv6-network ="
                + " fe80::/64)"),
        refused(
            lines("ipv6-prefix = 64", "[vhost:a]", "ipv6-network = fda9::"),
            "ocserv.conf:3 [vhost:a]: ipv6-network 'fda9::' has no prefix length; add it, or"
                + " ipv6-prefix to the same section, since ocserv needs one (example:"
                + " ipv6-network = fda9::/64)"),
        refused(
            lines("ipv6-network = fda9::/64", "ipv6-prefix = 48"),
            "ocserv.conf:1: ipv6-network 'fda9::/64' disagrees with ipv6-prefix '48' (/48) on"
                + " line 2; give only one of them, or make them agree (example: ipv6-network ="
                + " fda9::/64)"),
        refused(
            lines("ipv6-network = fda9::1:0:0:0", "ipv6-prefix = 64"),
            "ocserv.conf:1: ipv6-network 'fda9::1:0:0:0' has host bits set for ipv6-prefix '64'"
                + " on line 2; the network is fda9::/64 (example: ipv6-network = fda9::)"),
        refused(
            lines("ipv6-network = fda9::", "ipv6-prefix = 8"),
            "ocserv.conf:2: ipv6-prefix '8' is not a prefix length from 11 to 128, the range"
                + " ocserv accepts (example: ipv6-prefix = 64)"),
        refused(
            lines("ipv6-prefix = 129"),
            "ocserv.conf:1: ipv6-prefix '129' is not a prefix length from 11 to 128, the range"
                + " ocserv accepts (example: ipv6-prefix = 64)"),
        refused(
            lines("ipv6-prefix = /64"),
            "ocserv.conf:1: ipv6-prefix '/64' is not a prefix length from 11 to 128, the range"
                + " ocserv accepts (example: ipv6-prefix = 64)"),
        refused(
            lines("ipv6-prefix ="),
            "ocserv.conf:1: ipv6-prefix '' is not a prefix length from 11 to 128, the range"
                + " ocserv accepts (example: ipv6-prefix = 64)"),

        // Networks the kernel never forwards.
        refused(
            lines("ipv6-network = fe80::/64"),
            "ocserv.conf:1: ipv6-network 'fe80::/64' overlaps the link-local block fe80::/10;"
                + " the kernel never forwards those addresses, so they cannot be masqueraded"
                + " (example: ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv6-network = fe80::", "ipv6-prefix = 16"),
            "ocserv.conf:1: ipv6-network 'fe80::' overlaps the link-local block fe80::/10; the"
                + " kernel never forwards those addresses, so they cannot be masqueraded"
                + " (example: ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv6-network = fe00::/7"),
            "ocserv.conf:1: ipv6-network 'fe00::/7' overlaps the link-local block fe80::/10;"
                + " the kernel never forwards those addresses, so they cannot be masqueraded"
                + " (example: ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv6-network = ff02::/16"),
            "ocserv.conf:1: ipv6-network 'ff02::/16' overlaps the multicast block ff00::/8; the"
                + " kernel never forwards those addresses, so they cannot be masqueraded"
                + " (example: ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv6-network = ::/96"),
            "ocserv.conf:1: ipv6-network '::/96' overlaps the unspecified address ::; the kernel"
                + " never forwards those addresses, so they cannot be masqueraded (example:"
                + " ipv6-network = fda9:4efe:7e3b:3ea::/64)"),
        refused(
            lines("ipv4-network = 127.0.0.0", "ipv4-netmask = 255.255.0.0"),
            "ocserv.conf:1: ipv4-network '127.0.0.0' overlaps the loopback block 127.0.0.0/8;"
                + " the kernel never forwards those addresses, so they cannot be masqueraded"
                + " (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network = 224.0.0.0/24"),
            "ocserv.conf:1: ipv4-network '224.0.0.0/24' overlaps the multicast block"
                + " 224.0.0.0/4; the kernel never forwards those addresses, so they cannot be"
                + " masqueraded (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network = 0.0.0.0/1"),
            "ocserv.conf:1: ipv4-network '0.0.0.0/1' overlaps the this-network block 0.0.0.0/8;"
                + " the kernel never forwards those addresses, so they cannot be masqueraded"
                + " (example: ipv4-network = 192.168.1.0/24)"),
        refused(
            lines("ipv4-network = 255.255.255.255", "ipv4-netmask = 255.255.255.255"),
            "ocserv.conf:1: ipv4-network '255.255.255.255' overlaps the broadcast address"
                + " 255.255.255.255; the kernel never forwards those addresses, so they cannot be"
                + " masqueraded (example: ipv4-network = 192.168.1.0/24)"),

        // The device.
        refused(
            lines("device = vpns*"),
            "ocserv.conf:1: device 'vpns*' ends with '*'; ocserv numbers the tunnels after the"
                + " name itself (example: device = vpns)"),
        refused(
            lines("device = tun+"),
            "ocserv.conf:1: device 'tun+' ends with '+'; ocserv numbers the tunnels after the"
                + " name itself (example: device = tun)"),
        refused(
            lines("device = abcdefghijklmno"),
            "ocserv.conf:1: device 'abcdefghijklmno' is 15 bytes long; ocserv numbers the tunnels"
                + " after it and nft matches them as 'abcdefghijklmno*', so at most 14 fit"
                + " (example: device = vpns)"),
        refused(
            lines("device = vp ns"),
            "ocserv.conf:1: device 'vp ns' contains a space; interface names are printable ASCII"
                + " without spaces, '/', ':', quotes or backslashes (example: device = vpns)"),
        refused(
            lines("device = vpn€"),
            "ocserv.conf:1: device 'vpn€' contains the non-ASCII character U+20AC; interface"
                + " names are printable ASCII without spaces, '/', ':', quotes or backslashes"
                + " (example: device = vpns)"),
        refused(
            lines("device = \"\""), "ocserv.conf:1: device '' is empty (example: device = vpns)"),

        // Lines ocserv cannot read, and lines that mean something else to ocserv.
        refused(
            lines("ipv4-network 10.1.0.0/16"),
            "ocserv.conf:1: line 'ipv4-network 10.1.0.0/16' is not a setting, a section header"
                + " or a comment: it has no '=' (settings are written key = value)"),
        refused(
            lines("device # = vpns"),
            "ocserv.conf:1: line 'device # = vpns' is not a setting, a section header or a"
                + " comment: it has no '=' (settings are written key = value)"),
        refused(
            lines("[vhost:www.example.com"),
            "ocserv.conf:1: section header '[vhost:www.example.com' has no closing ']' (example:"
                + " [vhost:vpn.example.com])"),
        refused(
            lines("[vhost: \t]"),
            "ocserv.conf:1: section header '[vhost: \t]' has no virtual host name (example:"
                + " [vhost:vpn.example.com])"),
        refused(
            lines("ipv4-network = 192.168.1.0", "    255.255.255.0"),
            "ocserv.conf:2: line '255.255.255.0' is indented, so ocserv reads it as more of the"
                + " value of 'ipv4-network' on line 1; remove the indentation"),
        refused(
            lines("route = 10.0.0.0/8", "", "[vhost:a]", "dns = 10.0.0.1", "\tipv4-netmask ="),
            "ocserv.conf:5 [vhost:a]: line 'ipv4-netmask =' is indented, so ocserv reads it as"
                + " more of the value of 'dns' on line 4; remove the indentation"),
        refused(
            lines("auth = certificate", "  [vhost:a]", "ipv4-network = 10.1.0.0/16"),
            "ocserv.conf:2: line '[vhost:a]' is indented, so ocserv reads it as more of the value"
                + " of 'auth' on line 1; remove the indentation"),

        // Where the bad value stands.
        refused(
            lines("ipv4-network = @VPNNET@", "ipv4-network = 10.1.0.0/16"),
            "ocserv.conf:1: ipv4-network '@VPNNET@' is not an IPv4 address or prefix (example:"
                + " ipv4-network = 192.168.1.0/24)"),
        refused(
            "dns = 10.0.0.1\r\n[vhost:a]\r\nipv4-network = @VPNNET@\r\n",
            "ocserv.conf:3 [vhost:a]: ipv4-network '@VPNNET@' is not an IPv4 address or prefix"
                + " (example: ipv4-network = 192.168.1.0/24)"));
  }

  private static Arguments refused(String text, String message) {
    return Arguments.of(text, message);
  }

  @ParameterizedTest
  @MethodSource
  void refusesWhatCannotBeUsed(String text, String message) throws ConfigException {
    // "ocserv.conf:1: ipv6-network '...' ...": a bad IPv6 value is reported, not thrown.
    String key = message.split(": ", 3)[1].split(" ", 2)[0];
    if (key.startsWith("ipv6-")) {
      assertThat(OcservConfig.parse(text, SOURCE).ipv6Problem()).contains(message);
    } else {
      assertThatThrownBy(() -> OcservConfig.parse(text, SOURCE))
          .isInstanceOf(ConfigException.class)
          .hasMessage(message);
    }
  }

  @Test
  void readsAFile() throws Exception {
    Path file = fixture("vhosts.conf");

    OcservConfig config = OcservConfig.read(file);

    assertThat(rendered(config.ipv4Networks()))
        .containsExactly(
            "10.20.0.0/22 from " + file + ":13",
            "10.30.0.0/24 from " + file + ":23 [vhost:staff.example.org]",
            "10.40.0.0/22 from " + file + ":28 [vhost:guests.example.org]");
    assertThat(rendered(config.ipv6Networks()))
        .containsExactly(
            "fd12:3456:789a::/48 from " + file + ":15",
            "fd12:3456:789b::/64 from " + file + ":24 [vhost:staff.example.org]");
    assertThat(config.device()).contains(new Setting<>(InterfaceName.prefix("tun"), file + ":10"));
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void namesTheFileInItsMessages() throws Exception {
    Path file = fixture("template.conf");

    assertThatThrownBy(() -> OcservConfig.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ":7: ipv4-network '@CLIENT_NET@' is not an IPv4 address or prefix (example:"
                + " ipv4-network = 192.168.1.0/24)");
  }

  @Test
  void aMissingFileIsAnIoError(@TempDir Path directory) {
    Path file = directory.resolve("ocserv.conf");

    assertThatThrownBy(() -> OcservConfig.read(file))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(file.toString());
  }

  @Test
  void aDeviceOrAPipeIsRefusedUnread() {
    Path zero = Path.of("/dev/zero");

    assertThatThrownBy(() -> OcservConfig.read(zero))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "/dev/zero: is not a regular file; name ocserv's configuration file (example:"
                + " /etc/ocserv/ocserv.conf)");
  }

  @Test
  void aFileFarLargerThanAnyConfigurationIsRefusedUnread(@TempDir Path directory)
      throws IOException {
    Path file = directory.resolve("ocserv.conf");
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.truncate(0).position((5L << 20) - 1).write(ByteBuffer.wrap(new byte[] {1}));
    }

    assertThatThrownBy(() -> OcservConfig.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ": is 5242880 bytes long, more than any ocserv configuration (4194304 at most);"
                + " is it the right file?");
  }

  @Test
  void theListsCannotBeChanged() throws ConfigException {
    OcservConfig config = OcservConfig.parse(lines("ipv4-network = 10.1.0.0/16"), SOURCE);
    Setting<IpPrefix> other = new Setting<>(IpPrefix.parse("10.2.0.0/16"), SOURCE);

    assertThatThrownBy(() -> config.ipv4Networks().add(other))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.ipv6Networks().add(other))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.warnings().add("note"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(OcservConfigTest.class.getResource("ocserv/" + name).toURI());
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static List<String> rendered(List<? extends Setting<?>> settings) {
    return settings.stream().map(OcservConfigTest::describe).toList();
  }

  private static String describe(Setting<?> setting) {
    return setting.value() + " from " + setting.origin();
  }
}
