package io.github.ocservnat.nft.model;

/** A connection tracking status bit, as {@code ct status} matches it. */
public enum CtStatus implements Keyword {
  /** The connection was expected by a helper. */
  EXPECTED("expected"),
  /** Replies have been seen. */
  SEEN_REPLY("seen-reply"),
  /** The connection is assured and will not be evicted early. */
  ASSURED("assured"),
  /** The connection has left the first packet's path and is in the table. */
  CONFIRMED("confirmed"),
  /** Source NAT applies to the connection. */
  SNAT("snat"),
  /** Destination NAT applies to the connection. */
  DNAT("dnat"),
  /** The connection is being removed. */
  DYING("dying");

  private final String keyword;

  CtStatus(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
