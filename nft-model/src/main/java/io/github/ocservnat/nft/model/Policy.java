package io.github.ocservnat.nft.model;

/** What a base chain does with a packet that no rule accepted or dropped. */
public enum Policy implements Keyword {
  /** Let the packet continue; the default. */
  ACCEPT("accept"),
  /** Discard the packet. */
  DROP("drop");

  private final String keyword;

  Policy(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
