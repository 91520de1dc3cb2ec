package io.github.ocservnat.nft.model;

/** A connection tracking state, as {@code ct state} matches it. */
public enum CtState implements Keyword {
  /** The packet is invalid or cannot be tracked. */
  INVALID("invalid"),
  /** The packet belongs to a connection that has seen traffic both ways. */
  ESTABLISHED("established"),
  /** The packet starts a connection related to an existing one, such as an ICMP error. */
  RELATED("related"),
  /** The packet starts a new connection. */
  NEW("new"),
  /** The packet was exempted from tracking with {@code notrack}. */
  UNTRACKED("untracked");

  private final String keyword;

  CtState(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
