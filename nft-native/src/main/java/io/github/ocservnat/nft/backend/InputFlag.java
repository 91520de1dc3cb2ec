package io.github.ocservnat.nft.backend;

/** How libnftables reads scripts: the {@code NFT_CTX_INPUT_*} flags of nftables 1.0.9 and later. */
public enum InputFlag implements FlagBits.Flag {
  /** Never resolve host names in scripts; a name is an error. */
  NO_DNS(1),
  /** Read scripts as libnftables JSON only. */
  JSON(1 << 1);

  private final int bit;

  InputFlag(int bit) {
    this.bit = bit;
  }

  /** Returns the flag's bit in libnftables' flag word, as the C header defines it. */
  @Override
  public int bit() {
    return bit;
  }
}
