package io.github.ocservnat.nat;

import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.ChainType;
import io.github.ocservnat.nft.model.CtState;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.Masquerade;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.Priority;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Verdict;

/**
 * Turns a {@link NatConfig} into the {@code inet} table a VPN server needs:
 *
 * <ul>
 *   <li>a {@code forward} chain that lets traffic from the tunnel out to the uplink, and replies
 *       back in;
 *   <li>a {@code postrouting} chain that masquerades the VPN subnet (and, with IPv6 NAT, the IPv6
 *       subnet) on the uplink.
 * </ul>
 *
 * <p>Both chains have policy accept: the table adds what the VPN needs and never blocks traffic
 * that other tables allow.
 */
public final class NatRuleset {
  private NatRuleset() {}

  /** Returns the table for {@code config}. */
  public static Table table(NatConfig config) {
    Match fromTunnel = Match.iifname(config.vpnInterface());
    Match toTunnel = Match.oifname(config.vpnInterface());
    Match fromUplink = Match.iifname(config.wanInterface());
    Match toUplink = Match.oifname(config.wanInterface());

    Chain forward =
        Chain.builder("forward")
            .base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER)
            .rule(fromTunnel, toUplink, Verdict.ACCEPT)
            .rule(
                fromUplink,
                toTunnel,
                Match.ctState(CtState.ESTABLISHED, CtState.RELATED),
                Verdict.ACCEPT)
            .build();

    Chain.Builder postrouting =
        Chain.builder("postrouting")
            .base(ChainType.NAT, Hook.POSTROUTING, Priority.SRCNAT)
            .rule(Match.saddr(config.vpnSubnet()), toUplink, new Masquerade());
    if (config.ipv6Nat()) {
      postrouting.rule(Match.saddr(config.ipv6Subnet()), toUplink, new Masquerade());
    }

    return Table.builder(Family.INET, config.tableName())
        .chain(forward)
        .chain(postrouting.build())
        .build();
  }

  /**
   * Returns the transaction that puts the table for {@code config} in place of any earlier version
   * of it, atomically, leaving every other table alone.
   */
  public static Transaction replace(NatConfig config) {
    return Transaction.replacing(table(config));
  }
}
