package io.github.ocservnat.nft.model;

import java.math.BigInteger;
import java.util.List;

/** What nft checks of the elements of an interval set: they must not overlap. */
final class Intervals {
  private Intervals() {}

  /**
   * Fails if two of {@code elements}, sorted by where they start, overlap: nft refuses such a set
   * as "conflicting intervals".
   */
  static void checkDisjoint(String owner, List<Value> elements) {
    for (int i = 1; i < elements.size(); i++) {
      Value before = elements.get(i - 1);
      Value after = elements.get(i);
      BigInteger end = last(before);
      BigInteger start = first(after);
      if (end != null && start != null && start.compareTo(end) <= 0) {
        throw new InvalidValueException(
            owner + " elements",
            NftText.value(before) + ", " + NftText.value(after),
            "overlap; nft refuses conflicting intervals in a set");
      }
    }
  }

  private static BigInteger first(Value value) {
    if (value instanceof Range range) {
      return first(range.low());
    }
    return number(value, false);
  }

  private static BigInteger last(Value value) {
    if (value instanceof Range range) {
      return last(range.high());
    }
    return number(value, true);
  }

  /** A value as a number, its last address for a prefix; null if it has no order. */
  private static BigInteger number(Value value, boolean last) {
    if (value instanceof Port port) {
      return BigInteger.valueOf(port.number());
    } else if (value instanceof Mark mark) {
      return BigInteger.valueOf(mark.value());
    } else if (value instanceof IpPrefix prefix) {
      BigInteger network = new BigInteger(1, prefix.address().getAddress());
      int hostBits = prefix.address().getAddress().length * 8 - prefix.length();
      return last
          ? network.add(BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE))
          : network;
    }
    return null;
  }
}
