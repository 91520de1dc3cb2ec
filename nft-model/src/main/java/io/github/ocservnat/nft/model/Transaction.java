package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;

/**
 * Operations that nft applies as one netlink batch: either all of them take effect, or, if any
 * fails, none does, and no packet ever sees a state in between.
 */
public final class Transaction {
  /** One operation of a transaction. */
  public sealed interface Operation permits Add, Delete {}

  /**
   * Adds a table with all its chains and rules. Adding a table that exists merges into it.
   *
   * @param table what to add
   */
  public record Add(Table table) implements Operation {
    /** Checks the table. */
    public Add {
      Objects.requireNonNull(table, "table");
    }
  }

  /**
   * Deletes a table with everything in it; fails if there is no such table.
   *
   * @param family the table's family
   * @param name the table's name
   */
  public record Delete(Family family, String name) implements Operation {
    /** Checks the family and name. */
    public Delete {
      Objects.requireNonNull(family, "family");
      Names.checkIdentifier("table name", Objects.requireNonNull(name, "name"));
    }
  }

  private final ImmutableList<Operation> operations;

  private Transaction(List<Operation> operations) {
    this.operations = ImmutableList.copyOf(operations);
  }

  /** Returns the transaction that applies {@code operations} in order. */
  public static Transaction of(Operation... operations) {
    return new Transaction(List.of(operations));
  }

  /**
   * Returns the transaction that puts {@code table} in place of any table of the same family and
   * name, atomically: it adds the table empty (a no-op if it exists), deletes it, and adds it anew.
   * Other tables are not touched. This works on every nft version; {@code destroy table} (nft
   * 1.0.8, Linux 6.3) would say the same in fewer words.
   */
  public static Transaction replacing(Table table) {
    Table empty = Table.builder(table.family(), table.name()).build();
    return of(new Add(empty), new Delete(table.family(), table.name()), new Add(table));
  }

  /** Returns the operations in the order nft applies them. */
  public List<Operation> operations() {
    return operations;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Transaction that && operations.equals(that.operations);
  }

  @Override
  public int hashCode() {
    return operations.hashCode();
  }

  @Override
  public String toString() {
    return NftText.transaction(this);
  }
}
