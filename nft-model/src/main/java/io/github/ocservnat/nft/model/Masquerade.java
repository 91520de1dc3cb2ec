package io.github.ocservnat.nft.model;

/**
 * Source NAT to the address of the interface the packet leaves on, picked anew for each connection,
 * so it follows a dynamic uplink address. Allowed only in a {@link ChainType#NAT} chain on the
 * {@link Hook#POSTROUTING} hook; the kernel needs the nft_masq module (and, in an inet table, Linux
 * 5.2 or later).
 */
public record Masquerade() implements Statement {
  @Override
  public boolean isTerminal() {
    return true;
  }
}
