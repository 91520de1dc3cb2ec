package io.github.ocservnat.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.nat.Coverage.Collapsed;
import io.github.ocservnat.nat.Coverage.Redundant;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoverageTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/8| 10.0.0.0/8| ''",
        "10.1.0.0/16 10.0.0.0/8 10.1.2.0/24| 10.0.0.0/8| 10.1.0.0/16<10.0.0.0/8"
            + " 10.1.2.0/24<10.0.0.0/8",
        "10.0.0.0/24 10.0.0.0/24 10.0.1.0/24| 10.0.0.0/24 10.0.1.0/24| 10.0.0.0/24<10.0.0.0/24",
        "192.168.0.0/24 192.168.1.0/24| 192.168.0.0/24 192.168.1.0/24| ''",
        "fd00::/64 fd00::/48 fd01::/64| fd00::/48 fd01::/64| fd00::/64<fd00::/48",
      })
  void subnetsCoveredByAnotherAreLeftOut(String given, String kept, String redundant) {
    Collapsed<IpPrefix> collapsed =
        Coverage.collapse(
            Arrays.stream(given.split(" ")).map(IpPrefix::parse).toList(), Coverage::contains);

    assertThat(collapsed.kept().stream().map(IpPrefix::toString).collect(Collectors.joining(" ")))
        .isEqualTo(kept);
    assertThat(describe(collapsed.redundant())).isEqualTo(redundant);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "eth0 eth*| eth*| eth0<eth*",
        "eth* eth1*| eth*| eth1*<eth*",
        "eth1 eth10| eth1 eth10| ''",
        "eth1* eth1| eth1*| eth1<eth1*",
        "vpns* tun*| vpns* tun*| ''",
      })
  void interfacesMatchedByAWildcardAreLeftOut(String given, String kept, String redundant) {
    Collapsed<InterfaceName> collapsed =
        Coverage.collapse(
            Arrays.stream(given.split(" ")).map(Settings::interfaceName).toList(),
            Coverage::matches);

    assertThat(collapsed.kept().stream().map(Object::toString).collect(Collectors.joining(" ")))
        .isEqualTo(kept);
    assertThat(describe(collapsed.redundant())).isEqualTo(redundant);
  }

  private static <T> String describe(List<Redundant<T>> redundant) {
    return redundant.stream()
        .map(r -> r.entry() + "<" + r.coveredBy())
        .collect(Collectors.joining(" "));
  }
}
