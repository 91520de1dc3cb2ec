package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * What connection tracking knows about the packet's connection.
 *
 * @param key which piece of connection tracking state
 */
public record Ct(Key key) implements Expression {
  /** The connection tracking keys the model knows. */
  public enum Key {
    /** The connection's state: new, established, related, invalid or untracked. */
    STATE("state");

    private final String keyword;

    Key(String keyword) {
      this.keyword = keyword;
    }

    /** Returns the nft keyword, such as {@code state}. */
    public String keyword() {
      return keyword;
    }
  }

  /** Checks the key. */
  public Ct {
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String keyword() {
    return "ct " + key.keyword();
  }

  @Override
  public String mismatch(Value value) {
    return value instanceof CtStates ? null : "takes connection states (example: established)";
  }
}
