package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * A test of the packet: the rule goes on only if {@code left} equals {@code right}, or, for a set
 * of connection states, if it is one of them. Written as {@code iifname "eth0"} or {@code ct state
 * established,related}.
 *
 * @param left what is read from the packet
 * @param right what it is compared with; its type must suit {@code left}
 */
public record Match(Expression left, Value right) implements Statement {
  /**
   * Checks that {@code right} can be compared with {@code left}.
   *
   * @throws InvalidValueException if it cannot, such as an IPv6 prefix for {@code ip saddr}
   */
  public Match {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    String mismatch = left.mismatch(right);
    if (mismatch != null) {
      throw new InvalidValueException(left.keyword(), NftText.value(right), mismatch);
    }
  }

  /** Returns {@code iifname "name"}: the packet came in on {@code name}. */
  public static Match iifname(InterfaceName name) {
    return new Match(new Meta(Meta.Key.IIFNAME), name);
  }

  /** Returns {@code oifname "name"}: the packet goes out on {@code name}. */
  public static Match oifname(InterfaceName name) {
    return new Match(new Meta(Meta.Key.OIFNAME), name);
  }

  /**
   * Returns {@code ip saddr prefix} or {@code ip6 saddr prefix}, after the prefix's family: the
   * packet's source address lies in {@code prefix}.
   */
  public static Match saddr(IpPrefix prefix) {
    Payload.Field field = prefix.isIpv4() ? Payload.Field.IP_SADDR : Payload.Field.IP6_SADDR;
    return new Match(new Payload(field), prefix);
  }

  /** Returns {@code ct state states}: the packet's connection is in one of {@code states}. */
  public static Match ctState(CtStates states) {
    return new Match(new Ct(Ct.Key.STATE), states);
  }
}
