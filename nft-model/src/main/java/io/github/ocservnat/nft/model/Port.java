package io.github.ocservnat.nft.model;

/**
 * A TCP, UDP or SCTP port number.
 *
 * @param number 0 to 65535
 */
public record Port(int number) implements Value, Comparable<Port> {
  /**
   * Checks the range.
   *
   * @throws InvalidValueException if the number is not a port
   */
  public Port {
    if (number < 0 || number > 65535) {
      throw new InvalidValueException(
          "port", Integer.toString(number), "is not a port number from 0 to 65535", "443");
    }
  }

  /** Returns port {@code number}. */
  public static Port of(int number) {
    return new Port(number);
  }

  @Override
  public Datatype datatype() {
    return Datatype.INET_SERVICE;
  }

  @Override
  public int compareTo(Port other) {
    return Integer.compare(number, other.number);
  }

  @Override
  public String toString() {
    return Integer.toString(number);
  }
}
