package io.github.ocservnat.nft.model;

/**
 * The named base chain priorities of the ip, ip6 and inet families, with the numbers nft gives
 * them. Lower numbers run first.
 */
public enum StandardPriority implements Keyword {
  /** -300: before connection tracking. */
  RAW("raw", -300),
  /** -150: packet mangling. */
  MANGLE("mangle", -150),
  /** -100: destination NAT. */
  DSTNAT("dstnat", -100),
  /** 0: filtering. */
  FILTER("filter", 0),
  /** 50: security modules. */
  SECURITY("security", 50),
  /** 100: source NAT and masquerade. */
  SRCNAT("srcnat", 100);

  private final String keyword;
  private final int value;

  StandardPriority(String keyword, int value) {
    this.keyword = keyword;
    this.value = value;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  /** Returns the number nft uses for this priority in the ip, ip6 and inet families. */
  public int value() {
    return value;
  }
}
