package io.github.ocservnat.nat;

import com.google.common.collect.ImmutableList;
import com.google.common.net.InetAddresses;
import io.github.ocservnat.nft.model.AnonymousSet;
import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.ChainType;
import io.github.ocservnat.nft.model.CtState;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.Masquerade;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.Meta;
import io.github.ocservnat.nft.model.MssClamp;
import io.github.ocservnat.nft.model.NfProto;
import io.github.ocservnat.nft.model.Payload;
import io.github.ocservnat.nft.model.Priority;
import io.github.ocservnat.nft.model.Range;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Value;
import io.github.ocservnat.nft.model.Verdict;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link NatConfig} into the {@code inet} table a VPN server needs:
 *
 * <ul>
 *   <li>a {@code forward} chain that clamps the MSS of the SYNs that pass between the tunnels and
 *       the uplinks, then accepts the tunnels' traffic out and the replies back in. With the
 *       chain's policy accept, those accepts change no verdict, and no accept overrules a drop in
 *       another table's base chain on the hook; they say which traffic the table is for, and are
 *       the rules init-nat advises adding to another table's chain that drops forwarded traffic;
 *   <li>with MSS clamping, {@code input} and {@code output} chains that clamp the SYNs of the
 *       server's own TCP connections on the uplinks (ocserv ends TLS itself, so its connections
 *       never pass the forward chain);
 *   <li>a {@code postrouting} chain that masquerades the VPN subnets (and, with IPv6 NAT, the IPv6
 *       subnets) on the uplinks.
 * </ul>
 *
 * <p>Several subnets, or several exact interface names, make one rule with an anonymous set;
 * several interface wildcards make a rule each. Every chain has policy accept: the table adds what
 * the VPN needs and never blocks traffic that other tables allow. An MSS clamp only ever lowers the
 * size a SYN advertises: the kernel (4.14 and later) ignores a set that would raise it.
 */
public final class NatRuleset {
  /** IPv4 and TCP headers without options: what an IPv4 segment loses of the MTU. */
  static final int IPV4_HEADERS = 40;

  /** IPv6 and TCP headers without options. */
  static final int IPV6_HEADERS = 60;

  private NatRuleset() {}

  /** Returns the table for {@code config}. */
  public static Table table(NatConfig config) {
    List<Value> tunnels = interfaceGroups(config.vpnInterfaces());
    List<Value> uplinks = interfaceGroups(config.wanInterfaces());
    Optional<MssClamp> clamp = config.mssClamp();

    Chain.Builder forward =
        Chain.builder("forward").base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER);
    if (clamp.isPresent()) {
      for (Value tunnel : tunnels) {
        for (Value uplink : uplinks) {
          forward.rule(iifname(tunnel), oifname(uplink), Match.tcpSyn(), clamp.get());
          forward.rule(iifname(uplink), oifname(tunnel), Match.tcpSyn(), clamp.get());
        }
      }
    }
    for (Value tunnel : tunnels) {
      for (Value uplink : uplinks) {
        forward.rule(iifname(tunnel), oifname(uplink), Verdict.ACCEPT);
        forward.rule(
            iifname(uplink),
            oifname(tunnel),
            Match.ctState(CtState.ESTABLISHED, CtState.RELATED),
            Verdict.ACCEPT);
      }
    }

    Chain.Builder postrouting =
        Chain.builder("postrouting").base(ChainType.NAT, Hook.POSTROUTING, Priority.SRCNAT);
    for (Value uplink : uplinks) {
      postrouting.rule(saddr(config.vpnSubnets(), true), oifname(uplink), new Masquerade());
    }
    if (config.ipv6Nat()) {
      for (Value uplink : uplinks) {
        postrouting.rule(saddr(config.ipv6Subnets(), false), oifname(uplink), new Masquerade());
      }
    }

    Table.Builder table = Table.builder(Family.INET, config.tableName()).chain(forward.build());
    if (clamp.isPresent()) {
      Chain.Builder input =
          Chain.builder("input").base(ChainType.FILTER, Hook.INPUT, Priority.FILTER);
      Chain.Builder output =
          Chain.builder("output").base(ChainType.FILTER, Hook.OUTPUT, Priority.FILTER);
      for (Value uplink : uplinks) {
        ownConnections(input, iifname(uplink), clamp.get(), config);
        ownConnections(output, oifname(uplink), clamp.get(), config);
      }
      table.chain(input.build()).chain(output.build());
    }
    return table.chain(postrouting.build()).build();
  }

  /**
   * Returns what one match may hold of {@code interfaces}: all of them in one set when they are
   * exact names, else each on its own. A wildcard is an interval of names in the kernel, and nft
   * 1.0.6 cannot list two that touch ({@code vpns*} ends where {@code vpnt*} starts) once the
   * kernel has joined them: its JSON listing aborts. So wildcards get a rule each.
   */
  private static List<Value> interfaceGroups(List<InterfaceName> interfaces) {
    if (interfaces.size() == 1 || interfaces.stream().anyMatch(InterfaceName::isWildcard)) {
      return ImmutableList.copyOf(interfaces);
    }
    return List.of(oneOrSet(interfaces));
  }

  private static Match iifname(Value interfaces) {
    return Match.of(new Meta(Meta.Key.IIFNAME), interfaces);
  }

  private static Match oifname(Value interfaces) {
    return Match.of(new Meta(Meta.Key.OIFNAME), interfaces);
  }

  /**
   * Returns the transaction that puts the table for {@code config} in place of any earlier version
   * of it, atomically, leaving every other table alone.
   */
  public static Transaction replace(NatConfig config) {
    return Transaction.replacing(table(config));
  }

  /**
   * Adds the clamp of the server's own connections on one uplink. The route's MTU cannot be asked
   * for on the input hook, so both directions clamp to the uplink's MTU less the headers, per
   * family.
   */
  private static void ownConnections(
      Chain.Builder chain, Match uplink, MssClamp clamp, NatConfig config) {
    if (clamp.size().isPresent()) {
      chain.rule(uplink, Match.tcpSyn(), clamp);
      return;
    }
    chain
        .rule(
            uplink,
            Match.nfproto(NfProto.IPV4),
            Match.tcpSyn(),
            MssClamp.to(Math.max(536, config.uplinkMtu() - IPV4_HEADERS)))
        .rule(
            uplink,
            Match.nfproto(NfProto.IPV6),
            Match.tcpSyn(),
            MssClamp.to(Math.max(536, config.uplinkMtu() - IPV6_HEADERS)));
  }

  private static Match saddr(List<IpPrefix> subnets, boolean ipv4) {
    Payload.Field field = ipv4 ? Payload.Field.IP_SADDR : Payload.Field.IP6_SADDR;
    return Match.of(new Payload(field), oneOrSet(merged(subnets)));
  }

  /**
   * Returns the subnets as nft lists them: the kernel keeps a set of addresses as intervals and
   * joins those that touch, so nft lists {@code 10.0.0.0/16, 10.1.0.0/16} as {@code 10.0.0.0/15}
   * and {@code 192.168.1.0/24, 192.168.2.0/24} as {@code 192.168.1.0-192.168.2.255}. Joined here
   * first, the table reads back as it was written.
   */
  static List<Value> merged(List<IpPrefix> subnets) {
    int bytes = subnets.get(0).isIpv4() ? 4 : 16;
    List<Value> values = new ArrayList<>();
    for (Coverage.Span span : Coverage.joined(subnets)) {
      IpPrefix prefix = spanning(span.first(), span.last(), bytes);
      values.add(
          prefix != null ? prefix : new Range(host(span.first(), bytes), host(span.last(), bytes)));
    }
    return values;
  }

  /** Returns the prefix that holds exactly {@code low} to {@code high}, or null if none does. */
  private static IpPrefix spanning(BigInteger low, BigInteger high, int bytes) {
    BigInteger size = high.subtract(low).add(BigInteger.ONE);
    int hostBits = size.bitLength() - 1;
    boolean aligned = low.signum() == 0 || low.getLowestSetBit() >= hostBits;
    if (size.bitCount() != 1 || !aligned) {
      return null;
    }
    return IpPrefix.parse(host(low, bytes).keyword() + "/" + (bytes * 8 - hostBits));
  }

  private static IpPrefix host(BigInteger address, int bytes) {
    byte[] raw = address.toByteArray();
    byte[] exact = new byte[bytes];
    int copy = Math.min(raw.length, bytes);
    System.arraycopy(raw, raw.length - copy, exact, bytes - copy, copy);
    try {
      return IpPrefix.host(InetAddresses.toAddrString(InetAddress.getByAddress(exact)));
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }

  /** One value as itself, several as an anonymous set: nft lists a set of one as its element. */
  private static Value oneOrSet(List<? extends Value> values) {
    return values.size() == 1 ? values.get(0) : new AnonymousSet(ImmutableList.copyOf(values));
  }
}
