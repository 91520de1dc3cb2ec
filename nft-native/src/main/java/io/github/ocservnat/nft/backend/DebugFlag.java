package io.github.ocservnat.nft.backend;

/**
 * What libnftables traces while it runs a script: the {@code NFT_DEBUG_*} flags of {@code nft
 * --debug}. The traces are part of what {@link Nftables#run} returns.
 *
 * <p>{@code --debug=parser} is left out on purpose: libnftables 1.0.6 switches bison's trace on for
 * the whole process and never off again, so every later call of every context would carry it.
 */
public enum DebugFlag implements FlagBits.Flag {
  /** {@code --debug=scanner}. */
  SCANNER(0x1),
  /** {@code --debug=eval}. */
  EVALUATION(0x4),
  /** {@code --debug=netlink}. */
  NETLINK(0x8),
  /** {@code --debug=mnl}: every netlink message, in hex. */
  MNL(0x10),
  /** {@code --debug=proto-ctx}. */
  PROTO_CTX(0x20),
  /** {@code --debug=segtree}. */
  SEGTREE(0x40);

  private final int bit;

  DebugFlag(int bit) {
    this.bit = bit;
  }

  /** Returns the flag's bit in libnftables' flag word, as the C header defines it. */
  @Override
  public int bit() {
    return bit;
  }
}
