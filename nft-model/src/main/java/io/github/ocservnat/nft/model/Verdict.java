package io.github.ocservnat.nft.model;

/** A terminal decision about the packet. */
public enum Verdict implements Statement {
  /** Let the packet pass this base chain; later base chains on the same hook still see it. */
  ACCEPT("accept"),
  /** Discard the packet at once. */
  DROP("drop"),
  /** Leave the current chain and go on in the one that called it. */
  RETURN("return");

  private final String keyword;

  Verdict(String keyword) {
    this.keyword = keyword;
  }

  /** Returns the nft keyword, such as {@code accept}. */
  public String keyword() {
    return keyword;
  }

  @Override
  public boolean isTerminal() {
    return true;
  }
}
