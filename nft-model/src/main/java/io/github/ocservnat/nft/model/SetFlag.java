package io.github.ocservnat.nft.model;

/** A property of a named set or map. */
public enum SetFlag implements Keyword {
  /** Elements cannot change after the set is created. */
  CONSTANT("constant"),
  /** Elements may be prefixes and ranges. */
  INTERVAL("interval"),
  /** Elements may expire. */
  TIMEOUT("timeout"),
  /** Rules may add elements as packets pass. */
  DYNAMIC("dynamic");

  private final String keyword;

  SetFlag(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
