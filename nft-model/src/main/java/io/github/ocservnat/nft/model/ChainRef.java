package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * Names a chain of a table, for operations on the chain or its rules.
 *
 * @param table the table the chain is in
 * @param name the chain's name
 */
public record ChainRef(TableRef table, String name) {
  /**
   * Checks the parts.
   *
   * @throws InvalidValueException if nft cannot take {@code name} as a chain name
   */
  public ChainRef {
    Objects.requireNonNull(table, "table");
    Names.checkIdentifier("chain name", Objects.requireNonNull(name, "name"));
  }

  @Override
  public String toString() {
    return table + " " + name;
  }
}
