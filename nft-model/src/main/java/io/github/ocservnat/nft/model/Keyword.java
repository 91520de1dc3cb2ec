package io.github.ocservnat.nft.model;

/** Something nft spells with a fixed word, such as a family, a hook or a connection state. */
public interface Keyword {
  /** Returns the word nft uses, such as {@code inet} or {@code established}. */
  String keyword();
}
