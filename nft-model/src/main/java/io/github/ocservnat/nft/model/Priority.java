package io.github.ocservnat.nft.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The priority of a base chain: a plain number, or a standard name with an optional offset ({@code
 * filter}, {@code srcnat + 5}, {@code mangle - 1}). Chains on the same hook run in ascending order
 * of priority.
 */
public final class Priority {
  /** {@code filter} (0). */
  public static final Priority FILTER = of(StandardPriority.FILTER, 0);

  /** {@code srcnat} (100). */
  public static final Priority SRCNAT = of(StandardPriority.SRCNAT, 0);

  /** {@code dstnat} (-100). */
  public static final Priority DSTNAT = of(StandardPriority.DSTNAT, 0);

  private final StandardPriority base;
  private final int offset;

  private Priority(StandardPriority base, int offset) {
    this.base = base;
    this.offset = offset;
  }

  /** Returns a numeric priority, rendered as the number itself. */
  public static Priority of(int value) {
    return new Priority(null, value);
  }

  /**
   * Returns a named priority with an offset, rendered as {@code name}, {@code name + offset} or
   * {@code name - offset}.
   *
   * @throws InvalidValueException if the resulting number does not fit the kernel's 32 bits
   */
  public static Priority of(StandardPriority base, int offset) {
    Objects.requireNonNull(base, "base");
    long value = (long) base.value() + offset;
    if (value != (int) value) {
      throw new InvalidValueException(
          "priority offset",
          Integer.toString(offset),
          "takes " + base.keyword() + " out of the 32-bit range of chain priorities");
    }
    return new Priority(base, offset);
  }

  /** Returns the standard name this priority is relative to, if it has one. */
  public Optional<StandardPriority> base() {
    return Optional.ofNullable(base);
  }

  /** Returns the number the kernel sees. */
  public int value() {
    return base == null ? offset : base.value() + offset;
  }

  /** Returns the priority as nft writes it, such as {@code srcnat} or {@code -150}. */
  public String keyword() {
    if (base == null) {
      return Integer.toString(offset);
    }
    if (offset == 0) {
      return base.keyword();
    }
    return base.keyword() + (offset > 0 ? " + " : " - ") + Math.abs((long) offset);
  }

  /**
   * Returns the priority with the number {@code value}, named after a standard priority of the ip,
   * ip6 and inet families when it is exactly one, as a listing's number is read.
   */
  public static Priority normalized(int value) {
    for (StandardPriority standard : StandardPriority.values()) {
      if (standard.value() == value) {
        return of(standard, 0);
      }
    }
    return of(value);
  }

  /** Priorities are equal when the kernel sees the same number: {@code filter} is {@code 0}. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Priority that && value() == that.value();
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(value());
  }

  @Override
  public String toString() {
    return keyword();
  }
}
