package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * A reference to a named set of the same table, {@code @allowed}: a match against it succeeds when
 * the packet's value is in the set. The table checks that the set exists and has the right type.
 *
 * @param name the set's name
 */
public record SetReference(String name) implements Value {
  /**
   * Checks the name.
   *
   * @throws InvalidValueException if nft cannot take it as a set name
   */
  public SetReference {
    Names.checkIdentifier("set name", Objects.requireNonNull(name, "name"));
  }

  /** Returns a reference to the set named {@code name}. */
  public static SetReference to(String name) {
    return new SetReference(name);
  }

  @Override
  public Datatype datatype() {
    return null;
  }
}
