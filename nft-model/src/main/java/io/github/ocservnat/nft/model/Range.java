package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * An inclusive range of ports, addresses or marks: {@code 1024-65535}, {@code
 * 192.0.2.10-192.0.2.20}.
 *
 * @param low the first value in the range
 * @param high the last value, not below {@code low}
 */
public record Range(Value low, Value high) implements Value {
  /**
   * Checks that both ends are single values of one type, in order.
   *
   * @throws InvalidValueException if they are not
   */
  public Range {
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(high, "high");
    String text = NftText.value(low) + "-" + NftText.value(high);
    if (!isPoint(low) || !isPoint(high) || low.datatype() != high.datatype()) {
      throw new InvalidValueException(
          "range", text, "needs two ports, two addresses or two marks", "1024-65535");
    }
    int order = ValueOrder.compare(low, high);
    if (order > 0) {
      throw new InvalidValueException("range", text, "ends below where it starts");
    }
    if (order == 0) {
      throw new InvalidValueException(
          "range",
          text,
          "holds one value; nft lists it as " + NftText.value(low) + ", so write that");
    }
    if (low instanceof IpPrefix from && high instanceof IpPrefix to) {
      IpPrefix prefix = IpPrefix.spanning(from, to);
      if (prefix != null) {
        throw new InvalidValueException(
            "range",
            text,
            "is the prefix " + prefix.keyword() + ", as nft lists it, so write that");
      }
    }
  }

  private static boolean isPoint(Value value) {
    return value instanceof Port
        || value instanceof Mark
        || (value instanceof IpPrefix prefix && prefix.isHost());
  }

  /** Returns the ports from {@code low} to {@code high}. */
  public static Range ports(int low, int high) {
    return new Range(Port.of(low), Port.of(high));
  }

  @Override
  public Datatype datatype() {
    return low.datatype();
  }
}
