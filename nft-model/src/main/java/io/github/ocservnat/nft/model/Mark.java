package io.github.ocservnat.nft.model;

/**
 * A 32-bit packet or connection mark, written by nft in hexadecimal ({@code 0x00000010}).
 *
 * @param value 0 to 4294967295
 */
public record Mark(long value) implements Value, Comparable<Mark> {
  /**
   * Checks the range.
   *
   * @throws InvalidValueException if the value does not fit 32 bits unsigned
   */
  public Mark {
    if (value < 0 || value > 0xffff_ffffL) {
      throw new InvalidValueException(
          "mark", Long.toString(value), "is not a 32-bit mark from 0 to 4294967295", "0x10");
    }
  }

  /** Returns mark {@code value}. */
  public static Mark of(long value) {
    return new Mark(value);
  }

  @Override
  public Datatype datatype() {
    return Datatype.MARK;
  }

  /** Returns the mark as nft writes it: {@code 0x00000010}. */
  public String keyword() {
    return String.format("0x%08x", value);
  }

  @Override
  public int compareTo(Mark other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return keyword();
  }
}
