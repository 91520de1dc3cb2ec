package io.github.ocservnat.nft.backend;

/**
 * What libnftables traces while it runs a script: the {@code NFT_DEBUG_*} flags of {@code nft
 * --debug}. The traces are part of what {@link Nftables#run} returns.
 */
public enum DebugFlag implements FlagBits.Flag {
  /** {@code --debug=scanner}. */
  SCANNER(0x1),
  /** {@code --debug=parser}. */
  PARSER(0x2),
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
