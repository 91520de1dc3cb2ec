package io.github.ocservnat.nft.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Drops the packet and tells the sender: with a TCP reset, or with an ICMP error of the given type
 * ({@code reject with icmpx admin-prohibited}).
 *
 * @param type how the sender is told
 * @param code the ICMP error, for the ICMP types
 */
public record Reject(Type type, Optional<String> code) implements Statement {
  /** How a reject tells the sender. */
  public enum Type implements Keyword {
    /** A TCP reset; the rule must match TCP first. */
    TCP_RESET("tcp reset"),
    /** An ICMP error, for IPv4. */
    ICMP("icmp"),
    /** An ICMPv6 error, for IPv6. */
    ICMPV6("icmpv6"),
    /** An ICMP or ICMPv6 error, whichever fits the packet; for inet, bridge and netdev. */
    ICMPX("icmpx");

    private final String keyword;

    Type(String keyword) {
      this.keyword = keyword;
    }

    @Override
    public String keyword() {
      return keyword;
    }
  }

  private static final Map<Type, List<String>> CODES =
      Map.of(
          Type.ICMP,
          List.of(
              "net-unreachable",
              "host-unreachable",
              "prot-unreachable",
              "port-unreachable",
              "net-prohibited",
              "host-prohibited",
              "admin-prohibited"),
          Type.ICMPV6,
          List.of(
              "no-route",
              "admin-prohibited",
              "addr-unreachable",
              "port-unreachable",
              "policy-fail",
              "reject-route"),
          Type.ICMPX,
          List.of("port-unreachable", "admin-prohibited", "no-route", "host-unreachable"));

  /**
   * Checks that the code suits the type.
   *
   * @throws InvalidValueException if an ICMP type lacks a known code, or a TCP reset has one
   */
  public Reject {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(code, "code");
    if (type == Type.TCP_RESET) {
      if (code.isPresent()) {
        throw new InvalidValueException("reject with tcp reset", code.get(), "takes no code");
      }
    } else {
      List<String> known = CODES.get(type);
      String given = code.orElse("");
      if (!known.contains(given)) {
        throw new InvalidValueException(
            "reject with " + type.keyword(), given, "is not one of " + String.join(", ", known));
      }
    }
  }

  /** Returns {@code reject with tcp reset}. */
  public static Reject tcpReset() {
    return new Reject(Type.TCP_RESET, Optional.empty());
  }

  /** Returns {@code reject with type code}, such as {@code icmpx admin-prohibited}. */
  public static Reject with(Type type, String code) {
    return new Reject(type, Optional.of(code));
  }

  @Override
  public boolean isTerminal() {
    return true;
  }
}
