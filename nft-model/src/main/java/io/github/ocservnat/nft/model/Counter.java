package io.github.ocservnat.nft.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Counts packets and bytes: an anonymous counter of the rule itself ({@code counter}), or a
 * reference to a named counter of the table ({@code counter name "c1"}).
 *
 * <p>What a listing says a counter has counted is kept ({@link #packets()}, {@link #bytes()}) but
 * is not part of equality: a rule that counted is still the same rule.
 */
public final class Counter implements Statement {
  private final String name;
  private final long packets;
  private final long bytes;

  private Counter(String name, long packets, long bytes) {
    this.name = name;
    this.packets = packets;
    this.bytes = bytes;
  }

  /** Returns an anonymous counter. */
  public static Counter anonymous() {
    return new Counter(null, 0, 0);
  }

  /**
   * Returns a reference to the table's counter named {@code name}.
   *
   * @throws InvalidValueException if nft cannot take {@code name} as a name
   */
  public static Counter named(String name) {
    return new Counter(Names.checkIdentifier("counter name", name), 0, 0);
  }

  /** Returns an anonymous counter that has counted {@code packets} and {@code bytes}. */
  static Counter counted(long packets, long bytes) {
    return new Counter(null, packets, bytes);
  }

  /** Returns the name of the counter referred to, if this is a reference. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Returns the packets counted, as a listing said; 0 for a counter built here. */
  public long packets() {
    return packets;
  }

  /** Returns the bytes counted, as a listing said; 0 for a counter built here. */
  public long bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Counter that && Objects.equals(name, that.name);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(name);
  }

  @Override
  public String toString() {
    return NftText.statement(this);
  }
}
