package io.github.ocservnat.nft.model;

/**
 * Something a {@link Match} reads from a packet, its metadata or its connection, such as {@code ip
 * saddr} or {@code ct state}.
 */
public sealed interface Expression permits Meta, Payload, Ct, Masked {
  /** Returns the expression as nft writes it, such as {@code ip saddr}. */
  String keyword();

  /** Returns the type of what the expression yields. */
  Datatype datatype();
}
