package io.github.ocservnat.nft.model;

import java.util.List;
import java.util.Objects;

/**
 * A test of the packet: the rule goes on only if {@code left} equals {@code right} (or, with {@link
 * Operator#NE}, differs from it). A set on the right matches any of its elements; flags on the
 * right match if any of them is set. Written as {@code iifname "eth0"}, {@code tcp dport { 80, 443
 * }}, {@code ip saddr != 10.0.0.0/8} or {@code ct state established,related}.
 *
 * @param left what is read from the packet
 * @param op how it is compared
 * @param right what it is compared with; its type must be that of {@code left}
 */
public record Match(Expression left, Operator op, Value right) implements Statement {
  /** How a match compares. */
  public enum Operator implements Keyword {
    /** Equal, or in the set, or any of the flags set. */
    EQ("=="),
    /** Not equal, or not in the set. */
    NE("!=");

    private final String keyword;

    Operator(String keyword) {
      this.keyword = keyword;
    }

    @Override
    public String keyword() {
      return keyword;
    }
  }

  /**
   * Checks that {@code right} can be compared with {@code left}.
   *
   * @throws InvalidValueException if it cannot, such as an IPv6 prefix for {@code ip saddr}
   */
  public Match {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(right, "right");
    String mismatch = mismatch(left, right);
    if (mismatch != null) {
      throw new InvalidValueException(left.keyword(), NftText.value(right), mismatch);
    }
  }

  /** Returns the match of {@code left} equal to {@code right}. */
  public static Match of(Expression left, Value right) {
    return new Match(left, Operator.EQ, right);
  }

  private static String mismatch(Expression left, Value right) {
    Datatype want = left.datatype();
    if (right instanceof SetReference) {
      return null;
    }
    if (want == Datatype.IFACE_INDEX) {
      return right instanceof InterfaceName name && !name.isWildcard()
          ? null
          : "takes an existing interface's exact name (example: eth0); use iifname or oifname"
              + " for wildcards and interfaces that come and go";
    }
    if (right.datatype() == want) {
      return null;
    }
    if (want == Datatype.IPV4_ADDR && right.datatype() == Datatype.IPV6_ADDR) {
      return "takes an IPv4 address; match IPv6 with the ip6 expressions";
    }
    if (want == Datatype.IPV6_ADDR && right.datatype() == Datatype.IPV4_ADDR) {
      return "takes an IPv6 address; match IPv4 with the ip expressions";
    }
    return "takes a value of type " + want.keyword() + ", not " + right.datatype().keyword();
  }

  /** Returns the opposite match: equal becomes not equal and the reverse. */
  public Match negate() {
    return new Match(left, op == Operator.EQ ? Operator.NE : Operator.EQ, right);
  }

  /** Returns {@code iifname "name"}: the packet came in on {@code name}. */
  public static Match iifname(InterfaceName name) {
    return of(new Meta(Meta.Key.IIFNAME), name);
  }

  /** Returns {@code oifname "name"}: the packet goes out on {@code name}. */
  public static Match oifname(InterfaceName name) {
    return of(new Meta(Meta.Key.OIFNAME), name);
  }

  /**
   * Returns {@code ip saddr prefix} or {@code ip6 saddr prefix}, after the prefix's family: the
   * packet's source address lies in {@code prefix}.
   */
  public static Match saddr(IpPrefix prefix) {
    return of(
        new Payload(prefix.isIpv4() ? Payload.Field.IP_SADDR : Payload.Field.IP6_SADDR), prefix);
  }

  /** Returns {@code ip daddr prefix} or {@code ip6 daddr prefix}, after the prefix's family. */
  public static Match daddr(IpPrefix prefix) {
    return of(
        new Payload(prefix.isIpv4() ? Payload.Field.IP_DADDR : Payload.Field.IP6_DADDR), prefix);
  }

  /** Returns {@code meta l4proto protocol}. */
  public static Match l4proto(L4Proto protocol) {
    return of(new Meta(Meta.Key.L4PROTO), protocol);
  }

  /** Returns {@code meta nfproto protocol}. */
  public static Match nfproto(NfProto protocol) {
    return of(new Meta(Meta.Key.NFPROTO), protocol);
  }

  /** Returns {@code tcp dport ports}, for a port, a range or a set of them. */
  public static Match tcpDport(Value ports) {
    return of(new Payload(Payload.Field.TCP_DPORT), ports);
  }

  /** Returns {@code udp dport ports}, for a port, a range or a set of them. */
  public static Match udpDport(Value ports) {
    return of(new Payload(Payload.Field.UDP_DPORT), ports);
  }

  /** Returns {@code ct state states}: the connection is in one of {@code states}. */
  public static Match ctState(CtState first, CtState... more) {
    return of(new Ct(Ct.Key.STATE), FlagSet.ctStates(first, more));
  }

  /**
   * Returns {@code tcp flags flags / mask}: of the flags in {@code mask}, exactly {@code flags} are
   * set. {@code tcpFlags(SYN, SYN, RST)} matches a connection's first packet.
   */
  public static Match tcpFlags(FlagSet<TcpFlag> flags, FlagSet<TcpFlag> mask) {
    return of(new Masked(new Payload(Payload.Field.TCP_FLAGS), mask), flags);
  }

  /** Returns {@code tcp flags syn}: the SYN flag is set, as in a connection's first packets. */
  public static Match tcpSyn() {
    return of(new Payload(Payload.Field.TCP_FLAGS), FlagSet.tcpFlags(TcpFlag.SYN));
  }

  /** Returns whether this match limits the rule to packets of {@code protocol}. */
  boolean restrictsTo(L4Proto protocol) {
    if (op != Operator.EQ) {
      return false;
    }
    Expression expression = left instanceof Masked masked ? masked.expression() : left;
    if (expression instanceof Payload payload) {
      String name = payload.field().protocol();
      return name.equals(protocol.keyword())
          || (payload.field() == Payload.Field.IP_PROTOCOL && right == protocol);
    }
    return expression instanceof Meta meta
        && meta.key() == Meta.Key.L4PROTO
        && (right == protocol
            || (right instanceof AnonymousSet set && List.of(protocol).equals(set.elements())));
  }
}
