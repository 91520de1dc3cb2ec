package io.github.ocservnat.nft.model;

/** Something a {@link Match} reads from a packet or its metadata, such as {@code ip saddr}. */
public sealed interface Expression permits Meta, Payload, Ct {
  /** Returns the expression as nft writes it, such as {@code ip saddr}. */
  String keyword();

  /**
   * Returns {@code null} if this expression can be compared with {@code value}, else what is wrong,
   * to be used in a message.
   */
  String mismatch(Value value);
}
