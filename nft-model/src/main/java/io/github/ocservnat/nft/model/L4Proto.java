package io.github.ocservnat.nft.model;

/** A layer 4 protocol, as {@code meta l4proto} and {@code ip protocol} match it. */
public enum L4Proto implements Value, Keyword {
  /** ICMP for IPv4 (1). */
  ICMP("icmp"),
  /** TCP (6). */
  TCP("tcp"),
  /** UDP (17). */
  UDP("udp"),
  /** GRE (47). */
  GRE("gre"),
  /** IPsec ESP (50). */
  ESP("esp"),
  /** IPsec AH (51). */
  AH("ah"),
  /** ICMPv6 (58). */
  ICMPV6("ipv6-icmp"),
  /** SCTP (132). */
  SCTP("sctp"),
  /** UDP-Lite (136). */
  UDPLITE("udplite");

  private final String keyword;

  L4Proto(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  @Override
  public Datatype datatype() {
    return Datatype.INET_PROTO;
  }
}
