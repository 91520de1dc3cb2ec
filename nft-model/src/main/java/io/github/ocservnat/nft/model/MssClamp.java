package io.github.ocservnat.nft.model;

import java.util.OptionalInt;

/**
 * Rewrites the maximum segment size of TCP SYN packets: to the route's MTU ({@code tcp option
 * maxseg size set rt mtu}) or to a fixed size ({@code ... set 1360}). Clamping to the route MTU is
 * only allowed on the forward, output and postrouting hooks.
 *
 * @param size the fixed size, or empty for the route's MTU
 */
public record MssClamp(OptionalInt size) implements Statement {
  /**
   * Checks the size.
   *
   * @throws InvalidValueException if it is outside 536 to 65535
   */
  public MssClamp {
    if (size.isPresent() && (size.getAsInt() < 536 || size.getAsInt() > 65535)) {
      throw new InvalidValueException(
          "maxseg size", Integer.toString(size.getAsInt()), "is not from 536 to 65535", "1360");
    }
  }

  /** Returns the clamp to the route's MTU. */
  public static MssClamp toRouteMtu() {
    return new MssClamp(OptionalInt.empty());
  }

  /** Returns the clamp to {@code size}. */
  public static MssClamp to(int size) {
    return new MssClamp(OptionalInt.of(size));
  }
}
