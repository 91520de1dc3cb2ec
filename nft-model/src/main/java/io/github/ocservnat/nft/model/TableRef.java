package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * Names a table without its content, for operations such as {@code delete table inet ocserv}.
 *
 * @param family the table's family
 * @param name the table's name
 */
public record TableRef(Family family, String name) {
  /**
   * Checks the parts.
   *
   * @throws InvalidValueException if nft cannot take {@code name} as a table name
   */
  public TableRef {
    Objects.requireNonNull(family, "family");
    Names.checkIdentifier("table name", Objects.requireNonNull(name, "name"));
  }

  /** Returns the reference to {@code family name}. */
  public static TableRef of(Family family, String name) {
    return new TableRef(family, name);
  }

  /** Returns the reference to this table's chain {@code chain}. */
  public ChainRef chain(String chain) {
    return new ChainRef(this, chain);
  }

  @Override
  public String toString() {
    return family.keyword() + " " + name;
  }
}
