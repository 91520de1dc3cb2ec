package io.github.ocservnat.nft.backend;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Converts between libnftables' flag words and sets of the enums that name their bits. */
final class FlagBits {
  /** A flag that is one bit of a libnftables flag word. */
  interface Flag {
    int bit();
  }

  private FlagBits() {}

  /** Returns the word with the bits of {@code flags} set. */
  static int word(Collection<? extends Flag> flags) {
    int word = 0;
    for (Flag flag : flags) {
      word |= flag.bit();
    }
    return word;
  }

  /** Returns the flags of {@code type} whose bits {@code word} has set. */
  static <E extends Enum<E> & Flag> Set<E> flags(int word, Class<E> type) {
    EnumSet<E> flags = EnumSet.noneOf(type);
    for (E flag : type.getEnumConstants()) {
      if ((word & flag.bit()) != 0) {
        flags.add(flag);
      }
    }
    return flags;
  }
}
