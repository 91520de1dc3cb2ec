package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * A field of a packet header, such as the IPv4 source address.
 *
 * @param field which header field
 */
public record Payload(Field field) implements Expression {
  /** The header fields the model knows. */
  public enum Field {
    /** The IPv4 source address; matching it also restricts the rule to IPv4. */
    IP_SADDR("ip saddr", true),
    /** The IPv4 destination address. */
    IP_DADDR("ip daddr", true),
    /** The IPv6 source address; matching it also restricts the rule to IPv6. */
    IP6_SADDR("ip6 saddr", false),
    /** The IPv6 destination address. */
    IP6_DADDR("ip6 daddr", false);

    private final String keyword;
    private final boolean ipv4;

    Field(String keyword, boolean ipv4) {
      this.keyword = keyword;
      this.ipv4 = ipv4;
    }

    /** Returns the nft keywords, such as {@code ip saddr}. */
    public String keyword() {
      return keyword;
    }
  }

  /** Checks the field. */
  public Payload {
    Objects.requireNonNull(field, "field");
  }

  @Override
  public String keyword() {
    return field.keyword();
  }

  @Override
  public String mismatch(Value value) {
    if (!(value instanceof IpPrefix prefix)) {
      return "takes an IP prefix (example: 10.10.10.0/24)";
    }
    if (prefix.isIpv4() != field.ipv4) {
      return field.ipv4
          ? "takes an IPv4 prefix; match IPv6 with ip6 saddr or ip6 daddr"
          : "takes an IPv6 prefix; match IPv4 with ip saddr or ip daddr";
    }
    return null;
  }
}
