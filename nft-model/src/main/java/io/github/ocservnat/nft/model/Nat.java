package io.github.ocservnat.nft.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Source or destination NAT to a fixed address: {@code snat ip to 198.51.100.1}, {@code dnat ip to
 * 192.0.2.10:80}. Source NAT belongs in a nat chain on postrouting or input, destination NAT in one
 * on prerouting or output.
 *
 * @param type source or destination NAT
 * @param address the new address, a single IPv4 or IPv6 address
 * @param port the new port, if it changes; needs a TCP or UDP match before it
 */
public record Nat(Type type, IpPrefix address, Optional<Port> port) implements Statement {
  /** Which address of the packet is rewritten. */
  public enum Type implements Keyword {
    /** The source address. */
    SNAT("snat"),
    /** The destination address. */
    DNAT("dnat");

    private final String keyword;

    Type(String keyword) {
      this.keyword = keyword;
    }

    @Override
    public String keyword() {
      return keyword;
    }
  }

  /**
   * Checks the parts.
   *
   * @throws InvalidValueException if the address is a network rather than a single address
   */
  public Nat {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(port, "port");
    if (!address.isHost()) {
      throw new InvalidValueException(
          type.keyword() + " address",
          address.keyword(),
          "is a network; NAT to a single address",
          "198.51.100.1");
    }
  }

  /** Returns {@code snat to address}. */
  public static Nat snat(IpPrefix address) {
    return new Nat(Type.SNAT, address, Optional.empty());
  }

  /** Returns {@code dnat to address}. */
  public static Nat dnat(IpPrefix address) {
    return new Nat(Type.DNAT, address, Optional.empty());
  }

  /** Returns {@code dnat to address:port}. */
  public static Nat dnat(IpPrefix address, int port) {
    return new Nat(Type.DNAT, address, Optional.of(Port.of(port)));
  }

  @Override
  public boolean isTerminal() {
    return true;
  }
}
