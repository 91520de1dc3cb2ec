package io.github.ocservnat.nft.model;

/**
 * The type of what an expression yields and a value holds, with the name nft gives it in set and
 * map declarations ({@code type ipv4_addr . inet_service}).
 */
public enum Datatype implements Keyword {
  /** An IPv4 address or prefix. */
  IPV4_ADDR("ipv4_addr"),
  /** An IPv6 address or prefix. */
  IPV6_ADDR("ipv6_addr"),
  /** An interface name, matched as a string; may be a prefix wildcard. */
  IFNAME("ifname"),
  /** An interface index; nft resolves the name when the rule is added, so it must exist. */
  IFACE_INDEX("iface_index"),
  /** A TCP, UDP or SCTP port. */
  INET_SERVICE("inet_service"),
  /** A layer 4 protocol, such as tcp. */
  INET_PROTO("inet_proto"),
  /** A layer 3 protocol of the inet family: ipv4 or ipv6. */
  NFPROTO("nf_proto"),
  /** A 32-bit packet or connection mark. */
  MARK("mark"),
  /** A connection tracking state; values are flags. */
  CT_STATE("ct_state"),
  /** A connection tracking status; values are flags. */
  CT_STATUS("ct_status"),
  /** TCP header flags; values are flags. */
  TCP_FLAG("tcp_flag");

  private final String keyword;

  Datatype(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  /** Returns whether values of this type are bit flags, matched when any of them is set. */
  public boolean isFlags() {
    return this == CT_STATE || this == CT_STATUS || this == TCP_FLAG;
  }

  /** Returns the type nft names {@code keyword}, if there is one. */
  static Datatype fromKeyword(String keyword) {
    for (Datatype type : values()) {
      if (type.keyword.equals(keyword)) {
        return type;
      }
    }
    return null;
  }
}
