package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * Packet metadata the kernel knows without reading the packet, such as the interface it came in on.
 *
 * @param key which piece of metadata
 */
public record Meta(Key key) implements Expression {
  /** The metadata keys the model knows. */
  public enum Key {
    /** The name of the interface the packet came in on. */
    IIFNAME("iifname"),
    /** The name of the interface the packet goes out on. */
    OIFNAME("oifname");

    private final String keyword;

    Key(String keyword) {
      this.keyword = keyword;
    }

    /** Returns the nft keyword, such as {@code iifname}. */
    public String keyword() {
      return keyword;
    }
  }

  /** Checks the key. */
  public Meta {
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String keyword() {
    return key.keyword();
  }

  @Override
  public String mismatch(Value value) {
    return value instanceof InterfaceName ? null : "takes an interface name (example: eth0)";
  }
}
