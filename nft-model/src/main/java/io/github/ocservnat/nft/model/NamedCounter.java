package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * A named counter object of a table, which rules update with {@code counter name "c1"}.
 *
 * @param name the counter's name
 */
public record NamedCounter(String name) {
  /**
   * Checks the name.
   *
   * @throws InvalidValueException if nft cannot take it as a name
   */
  public NamedCounter {
    Names.checkIdentifier("counter name", Objects.requireNonNull(name, "name"));
  }
}
