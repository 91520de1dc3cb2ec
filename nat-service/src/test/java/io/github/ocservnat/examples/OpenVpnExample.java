package io.github.ocservnat.examples;

import io.github.ocservnat.nft.model.AnonymousSet;
import io.github.ocservnat.nft.model.BaseChain;
import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.ChainType;
import io.github.ocservnat.nft.model.CtState;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.Masquerade;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.MssClamp;
import io.github.ocservnat.nft.model.NftBackend;
import io.github.ocservnat.nft.model.Policy;
import io.github.ocservnat.nft.model.Port;
import io.github.ocservnat.nft.model.Priority;
import io.github.ocservnat.nft.model.Reject;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Verdict;

/** The OpenVPN example of docs/library-guide.md, compiled and run by its test. */
final class OpenVpnExample {
  private OpenVpnExample() {}

  // begin example
  /**
   * An OpenVPN gateway on tun0, tun1, ...: clients reach the internet but not SMTP, TCP SYNs are
   * clamped to the route MTU, and the client subnet is masqueraded on the uplink.
   */
  static Table table() {
    InterfaceName tunnels = InterfaceName.parse("tun*");
    InterfaceName uplink = InterfaceName.exact("eth0");
    IpPrefix clients = IpPrefix.parse("10.8.0.0/24");

    Chain forward =
        Chain.builder("forward")
            .base(new BaseChain(ChainType.FILTER, Hook.FORWARD, Priority.FILTER, Policy.DROP))
            .rule(Match.tcpSyn(), MssClamp.toRouteMtu())
            .rule(Match.ctState(CtState.ESTABLISHED, CtState.RELATED), Verdict.ACCEPT)
            .rule(
                Match.iifname(tunnels),
                Match.tcpDport(AnonymousSet.of(Port.of(25), Port.of(465), Port.of(587))),
                Reject.tcpReset())
            .rule(Match.iifname(tunnels), Match.oifname(uplink), Verdict.ACCEPT)
            .build();
    Chain postrouting =
        Chain.builder("postrouting")
            .base(ChainType.NAT, Hook.POSTROUTING, Priority.SRCNAT)
            .rule(Match.saddr(clients), Match.oifname(uplink), new Masquerade())
            .build();
    return Table.builder(Family.INET, "openvpn").chain(forward).chain(postrouting).build();
  }

  /** Replaces any earlier version of the table in one transaction. */
  static void install(NftBackend nft) {
    nft.apply(Transaction.replacing(table()));
  }
  // end example
}
