package io.github.ocservnat.nft.model;

/** How a NAT statement picks addresses and ports. */
public enum NatFlag implements Keyword {
  /** Pick ports by hash of the connection, randomised. */
  RANDOM("random"),
  /** Pick ports fully at random. */
  FULLY_RANDOM("fully-random"),
  /** Give a client the same address for all its connections. */
  PERSISTENT("persistent");

  private final String keyword;

  NatFlag(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
