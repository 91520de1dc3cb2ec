package io.github.ocservnat.nft.backend;

/**
 * How libnftables prints listings and echoed commands: the {@code NFT_CTX_OUTPUT_*} flags, each
 * with the nft option that sets it.
 */
public enum OutputFlag implements FlagBits.Flag {
  /** {@code -N}: look up reverse DNS names for addresses. */
  REVERSE_DNS(1),
  /** {@code -S}: print port numbers as service names. */
  SERVICE(1 << 1),
  /** {@code -s}: leave out stateful information such as counter values. */
  STATELESS(1 << 2),
  /** {@code -a}: print rule handles. */
  HANDLE(1 << 3),
  /** {@code -j}: print libnftables JSON. */
  JSON(1 << 4),
  /** {@code -e}: print each command that changed the ruleset, with its handle. */
  ECHO(1 << 5),
  /** {@code -u}: print user and group names, from /etc/passwd and /etc/group, for ids. */
  GUID(1 << 6),
  /** {@code -p}: print layer 4 protocols as numbers. */
  NUMERIC_PROTO(1 << 7),
  /** {@code -y}: print chain priorities as numbers. */
  NUMERIC_PRIO(1 << 8),
  /** Part of {@code -n}: print symbolic constants, such as ct states, as numbers. */
  NUMERIC_SYMBOL(1 << 9),
  /** {@code -T}: print times as seconds. */
  NUMERIC_TIME(1 << 10),
  /** {@code -t}: leave out set elements. */
  TERSE(1 << 11);

  private final int bit;

  OutputFlag(int bit) {
    this.bit = bit;
  }

  /** Returns the flag's bit in libnftables' flag word, as the C header defines it. */
  @Override
  public int bit() {
    return bit;
  }
}
