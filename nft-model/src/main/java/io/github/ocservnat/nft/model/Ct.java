package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * What connection tracking knows about the packet's connection.
 *
 * @param key which piece of connection tracking state
 */
public record Ct(Key key) implements Expression {
  /** The connection tracking keys the model knows. */
  public enum Key implements Keyword {
    /** The connection's state: new, established, related, invalid or untracked. */
    STATE("state", Datatype.CT_STATE),
    /** The connection's status bits, such as dnat. */
    STATUS("status", Datatype.CT_STATUS),
    /** The connection's mark. */
    MARK("mark", Datatype.MARK);

    private final String keyword;
    private final Datatype datatype;

    Key(String keyword, Datatype datatype) {
      this.keyword = keyword;
      this.datatype = datatype;
    }

    @Override
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
  public Datatype datatype() {
    return key.datatype;
  }
}
