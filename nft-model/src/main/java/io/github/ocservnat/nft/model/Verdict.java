package io.github.ocservnat.nft.model;

import java.util.Objects;
import java.util.Optional;

/** A decision that ends the rule: accept, drop, continue, return, or a jump or goto. */
public final class Verdict implements Statement {
  /** The kinds of verdict. */
  public enum Kind implements Keyword {
    /** Let the packet pass this base chain; later base chains on the same hook still see it. */
    ACCEPT("accept"),
    /** Discard the packet at once. */
    DROP("drop"),
    /** Go on with the next rule. */
    CONTINUE("continue"),
    /** Leave the current chain and go on in the one that called it. */
    RETURN("return"),
    /** Run another chain, then come back to the next rule. */
    JUMP("jump"),
    /** Go on in another chain and do not come back. */
    GOTO("goto");

    private final String keyword;

    Kind(String keyword) {
      this.keyword = keyword;
    }

    @Override
    public String keyword() {
      return keyword;
    }
  }

  /** {@code accept}. */
  public static final Verdict ACCEPT = new Verdict(Kind.ACCEPT, null);

  /** {@code drop}. */
  public static final Verdict DROP = new Verdict(Kind.DROP, null);

  /** {@code continue}. */
  public static final Verdict CONTINUE = new Verdict(Kind.CONTINUE, null);

  /** {@code return}. */
  public static final Verdict RETURN = new Verdict(Kind.RETURN, null);

  private final Kind kind;
  private final String target;

  private Verdict(Kind kind, String target) {
    this.kind = kind;
    this.target = target;
  }

  /**
   * Returns {@code jump chain}; the table checks that the chain exists and is a regular one.
   *
   * @throws InvalidValueException if nft cannot take {@code chain} as a chain name
   */
  public static Verdict jump(String chain) {
    return new Verdict(Kind.JUMP, Names.checkIdentifier("jump target", chain));
  }

  /**
   * Returns {@code goto chain}; the table checks that the chain exists and is a regular one.
   *
   * @throws InvalidValueException if nft cannot take {@code chain} as a chain name
   */
  public static Verdict goTo(String chain) {
    return new Verdict(Kind.GOTO, Names.checkIdentifier("goto target", chain));
  }

  /** Returns the kind of verdict. */
  public Kind kind() {
    return kind;
  }

  /** Returns the chain a jump or goto goes to. */
  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  @Override
  public boolean isTerminal() {
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Verdict that
        && kind == that.kind
        && Objects.equals(target, that.target);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, target);
  }

  @Override
  public String toString() {
    return NftText.statement(this);
  }
}
