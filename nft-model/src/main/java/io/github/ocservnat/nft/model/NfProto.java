package io.github.ocservnat.nft.model;

/** The layer 3 protocol of a packet in an inet table, as {@code meta nfproto} matches it. */
public enum NfProto implements Value, Keyword {
  /** IPv4. */
  IPV4("ipv4"),
  /** IPv6. */
  IPV6("ipv6");

  private final String keyword;

  NfProto(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  @Override
  public Datatype datatype() {
    return Datatype.NFPROTO;
  }
}
