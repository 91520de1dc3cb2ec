package io.github.ocservnat.nft.model;

/** A property of a table. */
public enum TableFlag implements Keyword {
  /** The table's base chains are not attached to their hooks: it sees no packets. */
  DORMANT("dormant");

  private final String keyword;

  TableFlag(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
