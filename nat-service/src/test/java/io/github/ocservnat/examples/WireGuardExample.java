package io.github.ocservnat.examples;

import io.github.ocservnat.nat.NatConfig;
import io.github.ocservnat.nat.NatRuleset;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.NftBackend;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.TableDiff;

/** The WireGuard example of docs/library-guide.md, compiled and run by its test. */
final class WireGuardExample {
  private WireGuardExample() {}

  // begin example
  /** Puts the NAT table of a WireGuard server on wg0 in place, changing only what differs. */
  static TableDiff install(NftBackend nft) {
    NatConfig config =
        NatConfig.builder()
            .tableName("wireguard")
            .vpnInterface(InterfaceName.exact("wg0"))
            .wanInterface(InterfaceName.exact("eth0"))
            .vpnSubnet(IpPrefix.parse("10.13.13.0/24"))
            .ipv6Subnet(IpPrefix.parse("fd42:42:42::/64"))
            .ipv6Nat(true)
            .build();
    Table desired = NatRuleset.table(config);

    TableDiff diff = TableDiff.between(nft.listTable(desired.ref()), desired);
    if (!diff.isEmpty()) {
      nft.apply(diff.transaction());
    }
    return diff;
  }
  // end example
}
