package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * A field of a packet header, such as the IPv4 source address. Matching a field of a protocol also
 * restricts the rule to packets of that protocol.
 *
 * @param field which header field
 */
public record Payload(Field field) implements Expression {
  /** The header fields the model knows. */
  public enum Field {
    /** The IPv4 source address. */
    IP_SADDR("ip", "saddr", Datatype.IPV4_ADDR),
    /** The IPv4 destination address. */
    IP_DADDR("ip", "daddr", Datatype.IPV4_ADDR),
    /** The IPv4 protocol field. */
    IP_PROTOCOL("ip", "protocol", Datatype.INET_PROTO),
    /** The IPv6 source address. */
    IP6_SADDR("ip6", "saddr", Datatype.IPV6_ADDR),
    /** The IPv6 destination address. */
    IP6_DADDR("ip6", "daddr", Datatype.IPV6_ADDR),
    /** The TCP source port. */
    TCP_SPORT("tcp", "sport", Datatype.INET_SERVICE),
    /** The TCP destination port. */
    TCP_DPORT("tcp", "dport", Datatype.INET_SERVICE),
    /** The TCP flags. */
    TCP_FLAGS("tcp", "flags", Datatype.TCP_FLAG),
    /** The UDP source port. */
    UDP_SPORT("udp", "sport", Datatype.INET_SERVICE),
    /** The UDP destination port. */
    UDP_DPORT("udp", "dport", Datatype.INET_SERVICE);

    private final String protocol;
    private final String name;
    private final Datatype datatype;

    Field(String protocol, String name, Datatype datatype) {
      this.protocol = protocol;
      this.name = name;
      this.datatype = datatype;
    }

    /** Returns the protocol as nft names it, such as {@code ip6}. */
    public String protocol() {
      return protocol;
    }

    /** Returns the field as nft names it, such as {@code saddr}. */
    public String fieldName() {
      return name;
    }

    /** Returns the field of {@code protocol} named {@code name}, or null. */
    static Field find(String protocol, String name) {
      for (Field field : values()) {
        if (field.protocol.equals(protocol) && field.name.equals(name)) {
          return field;
        }
      }
      return null;
    }
  }

  /** Checks the field. */
  public Payload {
    Objects.requireNonNull(field, "field");
  }

  @Override
  public String keyword() {
    return field.protocol + " " + field.name;
  }

  @Override
  public Datatype datatype() {
    return field.datatype;
  }
}
