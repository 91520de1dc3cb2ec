package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table: the unit of ownership in nftables. Chains live in a table; deleting the table removes
 * them all, and nothing outside the table is affected.
 */
public final class Table {
  private final Family family;
  private final String name;
  private final ImmutableList<Chain> chains;

  private Table(Builder builder) {
    this.family = builder.family;
    this.name = builder.name;
    this.chains = builder.chains.build();
  }

  /**
   * Starts a table.
   *
   * @throws InvalidValueException if nft cannot take {@code name} as a table name
   */
  public static Builder builder(Family family, String name) {
    return new Builder(family, name);
  }

  /** Returns the address family. */
  public Family family() {
    return family;
  }

  /** Returns the name, unique within the family. */
  public String name() {
    return name;
  }

  /** Returns the chains in the order they were added. */
  public List<Chain> chains() {
    return chains;
  }

  /** Returns the chain named {@code chainName}, if the table has one. */
  public Optional<Chain> chain(String chainName) {
    return chains.stream().filter(c -> c.name().equals(chainName)).findFirst();
  }

  /** Returns a builder holding this table's parts. */
  public Builder toBuilder() {
    Builder builder = new Builder(family, name);
    builder.chains.addAll(chains);
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Table that
        && family == that.family
        && name.equals(that.name)
        && chains.equals(that.chains);
  }

  @Override
  public int hashCode() {
    return Objects.hash(family, name, chains);
  }

  @Override
  public String toString() {
    return NftText.table(this);
  }

  /** Collects the parts of a {@link Table}. */
  public static final class Builder {
    private final Family family;
    private final String name;
    private final ImmutableList.Builder<Chain> chains = ImmutableList.builder();

    private Builder(Family family, String name) {
      this.family = Objects.requireNonNull(family, "family");
      this.name = Names.checkIdentifier("table name", Objects.requireNonNull(name, "name"));
    }

    /** Appends a chain. */
    public Builder chain(Chain chain) {
      chains.add(Objects.requireNonNull(chain, "chain"));
      return this;
    }

    /**
     * Builds the table.
     *
     * @throws InvalidValueException if two chains share a name, or a base chain's type is not
     *     allowed in this family
     */
    public Table build() {
      Table table = new Table(this);
      Set<String> names = new HashSet<>();
      for (Chain chain : table.chains) {
        if (!names.add(chain.name())) {
          throw new InvalidValueException(
              "table " + family.keyword() + " " + name, chain.name(), "names two chains");
        }
        Optional<BaseChain> base = chain.base();
        if (base.isPresent() && !base.get().type().allowedIn(family)) {
          throw new InvalidValueException(
              "chain " + chain.name(),
              base.get().type().keyword(),
              "is not a chain type of the " + family.keyword() + " family");
        }
      }
      return table;
    }
  }
}
