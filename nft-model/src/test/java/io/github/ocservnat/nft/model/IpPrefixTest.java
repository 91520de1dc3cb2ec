package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpPrefixTest {
  @ParameterizedTest
  @CsvSource({
    "10.10.10.0/24, 10.10.10.0/24, true, 24",
    "0.0.0.0/0, 0.0.0.0/0, true, 0",
    "192.0.2.7/32, 192.0.2.7, true, 32",
    "fda9:4efe:7e3b:03ea::/64, fda9:4efe:7e3b:3ea::/64, false, 64",
    "2001:DB8:0:0::/32, 2001:db8::/32, false, 32",
    "2001:db8::1/128, 2001:db8::1, false, 128",
    "' 10.0.0.0/8 ', 10.0.0.0/8, true, 8",
  })
  void parsesAndNormalises(String text, String keyword, boolean ipv4, int length) {
    IpPrefix prefix = IpPrefix.parse(text);

    assertThat(prefix.keyword()).isEqualTo(keyword);
    assertThat(prefix.isIpv4()).isEqualTo(ipv4);
    assertThat(prefix.length()).isEqualTo(length);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| prefix: '' is empty (example: 10.10.10.0/24)",
        "10.10.10.0| prefix: '10.10.10.0' has no prefix length (example: 10.10.10.0/24)",
        "10.10.0| prefix: '10.10.0' is not an IP prefix: '10.10.0' is not an IPv4 or IPv6 address"
            + " (example: 10.10.10.0/24)",
        "10.10.0/24| prefix: '10.10.0/24' is not an IP prefix: '10.10.0' is not an IPv4 or IPv6"
            + " address (example: 10.10.10.0/24)",
        "vpn.example.com/24| prefix: 'vpn.example.com/24' is not an IP prefix: 'vpn.example.com'"
            + " is not an IPv4 or IPv6 address (example: 10.10.10.0/24)",
        "10.10.10.0/33| prefix: '10.10.10.0/33' has prefix length '33'; it must be a number from 0"
            + " to 32 for IPv4",
        "10.10.10.0/+8| prefix: '10.10.10.0/+8' has prefix length '+8'; it must be a number from 0"
            + " to 32 for IPv4",
        "2001:db8::/129| prefix: '2001:db8::/129' has prefix length '129'; it must be a number"
            + " from 0 to 128 for IPv6",
        "10.10.10.1/24| prefix: '10.10.10.1/24' has host bits set (did you mean 10.10.10.0/24?)",
        "10.10.10.0/024| prefix: '10.10.10.0/024' has prefix length '024' with a leading zero;"
            + " write 24",
        "10.10.10.0/00| prefix: '10.10.10.0/00' has prefix length '00' with a leading zero; write"
            + " 0",
        "１０.10.10.0/24| prefix: '１０.10.10.0/24' contains U+FF11; a prefix is written in ASCII"
            + " digits, '.', ':' and '/' (example: 10.10.10.0/24)",
        "2001:db8::1/64| prefix: '2001:db8::1/64' has host bits set (did you mean"
            + " 2001:db8::/64?)",
        "fe80::1%eth0/64| prefix: 'fe80::1%eth0/64' is not an IP prefix: 'fe80::1%eth0' is not an"
            + " IPv4 or IPv6 address (example: 10.10.10.0/24)",
        "::ffff:10.0.0.0/104| prefix: '::ffff:10.0.0.0/104' is an IPv4-mapped IPv6 address; write"
            + " the IPv4 prefix instead",
      })
  void rejectsWithTheReason(String text, String message) {
    assertThatThrownBy(() -> IpPrefix.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(message);
  }

  @Test
  void longValuesAreCutInTheMessage() {
    String value = "10.10.10.0/" + "9".repeat(1000);

    assertThatThrownBy(() -> IpPrefix.parse(value))
        .hasMessage(
            "prefix: '10.10.10.0/"
                + "9".repeat(69)
                + "...' (1011 characters) is too long for an IP prefix");
  }

  @Test
  void containment() {
    IpPrefix net = IpPrefix.parse("10.10.0.0/16");

    assertThat(net.contains(IpPrefix.parse("10.10.10.0/24"))).isTrue();
    assertThat(net.contains(IpPrefix.parse("10.11.0.0/24"))).isFalse();
    assertThat(net.contains(IpPrefix.parse("10.0.0.0/8"))).isFalse();
    assertThat(net.contains(IpPrefix.parse("2001:db8::/64"))).isFalse();
  }

  @Test
  void equalityIgnoresSpelling() {
    assertThat(IpPrefix.parse("2001:DB8::/32")).isEqualTo(IpPrefix.parse("2001:db8:0::/32"));
    assertThat(IpPrefix.parse("10.0.0.0/8")).isNotEqualTo(IpPrefix.parse("10.0.0.0/9"));
  }
}
