package io.github.ocservnat.nat;

import com.google.common.collect.ImmutableList;
import io.github.ocservnat.nft.model.AnonymousSet;
import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.ChainType;
import io.github.ocservnat.nft.model.CtState;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.Masquerade;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.Meta;
import io.github.ocservnat.nft.model.MssClamp;
import io.github.ocservnat.nft.model.NfProto;
import io.github.ocservnat.nft.model.Payload;
import io.github.ocservnat.nft.model.Priority;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Value;
import io.github.ocservnat.nft.model.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link NatConfig} into the {@code inet} table a VPN server needs:
 *
 * <ul>
 *   <li>a {@code forward} chain that lets traffic from the tunnels out to the uplinks, and replies
 *       back in, after clamping the MSS of the SYNs that pass between them;
 *   <li>with MSS clamping, {@code input} and {@code output} chains that clamp the SYNs of the
 *       server's own TCP connections on the uplinks (ocserv ends TLS itself, so its connections
 *       never pass the forward chain);
 *   <li>a {@code postrouting} chain that masquerades the VPN subnets (and, with IPv6 NAT, the IPv6
 *       subnets) on the uplinks.
 * </ul>
 *
 * <p>Several subnets or interfaces make one rule with an anonymous set. Every chain has policy
 * accept: the table adds what the VPN needs and never blocks traffic that other tables allow. An
 * MSS clamp only ever lowers the size a SYN advertises: the kernel (4.14 and later) ignores a set
 * that would raise it.
 */
public final class NatRuleset {
  /** IPv4 and TCP headers without options: what an IPv4 segment loses of the MTU. */
  static final int IPV4_HEADERS = 40;

  /** IPv6 and TCP headers without options. */
  static final int IPV6_HEADERS = 60;

  private NatRuleset() {}

  /** Returns the table for {@code config}. */
  public static Table table(NatConfig config) {
    Value tunnels = oneOrSet(config.vpnInterfaces());
    Value uplinks = oneOrSet(config.wanInterfaces());
    Match fromTunnels = Match.of(new Meta(Meta.Key.IIFNAME), tunnels);
    Match toTunnels = Match.of(new Meta(Meta.Key.OIFNAME), tunnels);
    Match fromUplinks = Match.of(new Meta(Meta.Key.IIFNAME), uplinks);
    Match toUplinks = Match.of(new Meta(Meta.Key.OIFNAME), uplinks);
    Optional<MssClamp> clamp = config.mssClamp();

    Chain.Builder forward =
        Chain.builder("forward").base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER);
    if (clamp.isPresent()) {
      forward
          .rule(fromTunnels, toUplinks, Match.tcpSyn(), clamp.get())
          .rule(fromUplinks, toTunnels, Match.tcpSyn(), clamp.get());
    }
    forward
        .rule(fromTunnels, toUplinks, Verdict.ACCEPT)
        .rule(
            fromUplinks,
            toTunnels,
            Match.ctState(CtState.ESTABLISHED, CtState.RELATED),
            Verdict.ACCEPT);

    Chain.Builder postrouting =
        Chain.builder("postrouting")
            .base(ChainType.NAT, Hook.POSTROUTING, Priority.SRCNAT)
            .rule(saddr(config.vpnSubnets(), true), toUplinks, new Masquerade());
    if (config.ipv6Nat()) {
      postrouting.rule(saddr(config.ipv6Subnets(), false), toUplinks, new Masquerade());
    }

    Table.Builder table = Table.builder(Family.INET, config.tableName()).chain(forward.build());
    if (clamp.isPresent()) {
      table
          .chain(ownConnections("input", Hook.INPUT, fromUplinks, clamp.get(), config))
          .chain(ownConnections("output", Hook.OUTPUT, toUplinks, clamp.get(), config));
    }
    return table.chain(postrouting.build()).build();
  }

  /**
   * Returns the transaction that puts the table for {@code config} in place of any earlier version
   * of it, atomically, leaving every other table alone.
   */
  public static Transaction replace(NatConfig config) {
    return Transaction.replacing(table(config));
  }

  /**
   * The clamp of the server's own connections on the uplinks. The route's MTU cannot be asked for
   * on the input hook, so both directions clamp to the uplink's MTU less the headers, per family.
   */
  private static Chain ownConnections(
      String name, Hook hook, Match uplinks, MssClamp clamp, NatConfig config) {
    Chain.Builder chain = Chain.builder(name).base(ChainType.FILTER, hook, Priority.FILTER);
    if (clamp.size().isPresent()) {
      return chain.rule(uplinks, Match.tcpSyn(), clamp).build();
    }
    return chain
        .rule(
            uplinks,
            Match.nfproto(NfProto.IPV4),
            Match.tcpSyn(),
            MssClamp.to(Math.max(536, config.uplinkMtu() - IPV4_HEADERS)))
        .rule(
            uplinks,
            Match.nfproto(NfProto.IPV6),
            Match.tcpSyn(),
            MssClamp.to(Math.max(536, config.uplinkMtu() - IPV6_HEADERS)))
        .build();
  }

  private static Match saddr(List<IpPrefix> subnets, boolean ipv4) {
    Payload.Field field = ipv4 ? Payload.Field.IP_SADDR : Payload.Field.IP6_SADDR;
    return Match.of(new Payload(field), oneOrSet(subnets));
  }

  /** One value as itself, several as an anonymous set: nft lists a set of one as its element. */
  private static Value oneOrSet(List<? extends Value> values) {
    return values.size() == 1 ? values.get(0) : new AnonymousSet(ImmutableList.copyOf(values));
  }
}
