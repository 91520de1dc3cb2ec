package io.github.ocservnat.nft.model;

/** What a base chain does with a packet that no rule accepted or dropped. */
public enum Policy {
  /** Let the packet continue; the default. */
  ACCEPT("accept"),
  /** Discard the packet. */
  DROP("drop");

  private final String keyword;

  Policy(String keyword) {
    this.keyword = keyword;
  }

  /** Returns the nft keyword, such as {@code accept}. */
  public String keyword() {
    return keyword;
  }
}
