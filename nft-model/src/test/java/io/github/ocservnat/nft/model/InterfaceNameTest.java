package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterfaceNameTest {
  @ParameterizedTest
  @CsvSource({
    "eth0, eth0, false",
    "vpns*, vpns, true",
    "a, a, false",
    "abcdefghijklmno, abcdefghijklmno, false",
    "abcdefghijklmn*, abcdefghijklmn, true",
    "br-1a2b.10, br-1a2b.10, false",
    "wg+0, wg+0, false",
  })
  void parsesValidNames(String text, String name, boolean wildcard) {
    InterfaceName parsed = InterfaceName.parse(text);

    assertThat(parsed.name()).isEqualTo(name);
    assertThat(parsed.isWildcard()).isEqualTo(wildcard);
    assertThat(parsed.keyword()).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| interface name: '' is empty (example: eth0)",
        "*| interface name: '*' is a wildcard without a prefix (example: vpns*)",
        "abcdefghijklmnop| interface name: 'abcdefghijklmnop' is 16 bytes long; the kernel allows"
            + " at most 15",
        ".| interface name: '.' is reserved by the kernel (example: eth0)",
        "@x| interface name: '@x' starts with '@', which libnftables JSON reads as a set"
            + " reference (example: eth0)",
        "abcdefghijklmno*| interface name: 'abcdefghijklmno*' is a wildcard with a 15-byte"
            + " prefix; with the '*' nft allows at most 14",
        "v*ns| interface name: 'v*ns' has a '*' that is not at the end; a wildcard is a trailing"
            + " '*' (example: vpns*)",
        "eth 0| interface name: 'eth 0' contains a space; interface names are printable ASCII"
            + " without spaces, '/', ':', quotes or backslashes (example: eth0)",
        "eth0:1| interface name: 'eth0:1' contains ':'; interface names are printable ASCII"
            + " without spaces, '/', ':', quotes or backslashes (example: eth0)",
        "a\"b| interface name: 'a\"b' contains '\"'; interface names are printable ASCII"
            + " without spaces, '/', ':', quotes or backslashes (example: eth0)",
        "ethé| interface name: 'ethé' contains the non-ASCII character U+00E9; interface names are printable ASCII"
            + " without spaces, '/', ':', quotes or backslashes (example: eth0)",
      })
  void rejectsInvalidNames(String text, String message) {
    assertThatThrownBy(() -> InterfaceName.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"vpns, vpns*", "tun, tun*"})
  void prefixMakesAWildcard(String prefix, String keyword) {
    assertThat(InterfaceName.prefix(prefix).keyword()).isEqualTo(keyword);
    assertThat(InterfaceName.prefix(prefix)).isEqualTo(InterfaceName.parse(keyword));
  }

  @ParameterizedTest
  @CsvSource({"vpns*", "a*"})
  void exactRefusesTheWildcard(String name) {
    assertThatThrownBy(() -> InterfaceName.exact(name))
        .hasMessage(
            "interface name: '"
                + name
                + "' is a wildcard; an exact name has no '*' (use parse or prefix) (example:"
                + " eth0)");
    assertThatThrownBy(() -> InterfaceName.prefix(name))
        .hasMessage(
            "interface name prefix: '"
                + name
                + "' ends with '*'; give the prefix without it (example: vpns)");
  }
}
