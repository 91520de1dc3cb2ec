package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;

/**
 * Operations that nft applies as one netlink batch: either all of them take effect, or, if any
 * fails, none does, and no packet ever sees a state in between.
 *
 * <p>Each operation is checked for what that operation needs as it is added: a rule is replaced or
 * deleted by its handle, so those operations refuse a rule without one; delete and flush take
 * objects by name only.
 */
public final class Transaction {
  /** What an operation does, with nft's word for it. */
  public enum Verb implements Keyword {
    /** Adds an object; adding one that exists merges into it, or does nothing. */
    ADD("add"),
    /** Adds an object, failing if it exists. */
    CREATE("create"),
    /** Puts a rule first in its chain, or before the rule with the given handle. */
    INSERT("insert"),
    /** Replaces the rule with the given handle. */
    REPLACE("replace"),
    /** Deletes an object, failing if it does not exist. */
    DELETE("delete"),
    /** Empties a table, chain or set, keeping the object itself. */
    FLUSH("flush");

    private final String keyword;

    Verb(String keyword) {
      this.keyword = keyword;
    }

    @Override
    public String keyword() {
      return keyword;
    }
  }

  /** The kinds of object an operation acts on. */
  public enum ObjectType {
    /** A table. */
    TABLE,
    /** A chain. */
    CHAIN,
    /** A rule. */
    RULE,
    /** A named set. */
    SET,
    /** A named map. */
    MAP,
    /** Elements of a named set. */
    ELEMENTS,
    /** A named counter. */
    COUNTER
  }

  /** One operation: a verb, the kind of object, where it is, and what it is. */
  public static final class Operation {
    private final Verb verb;
    private final ObjectType type;
    private final TableRef table;
    private final String name;
    private final Object content;

    private Operation(Verb verb, ObjectType type, TableRef table, String name, Object content) {
      this.verb = verb;
      this.type = type;
      this.table = table;
      this.name = name;
      this.content = content;
    }

    /** Returns what the operation does. */
    public Verb verb() {
      return verb;
    }

    /** Returns the kind of object it acts on. */
    public ObjectType type() {
      return type;
    }

    /** Returns the table it acts on or in. */
    public TableRef table() {
      return table;
    }

    /** Returns the name of the chain, set, map or counter; the chain's, for a rule. */
    public String name() {
      return name;
    }

    /** Returns the table to add or create; null for delete and flush. */
    public Table tableContent() {
      return content instanceof Table t ? t : null;
    }

    /** Returns the chain to add or create; null for delete and flush. */
    public Chain chain() {
      return content instanceof Chain c ? c : null;
    }

    /** Returns the rule, for rule operations. */
    public Rule rule() {
      return content instanceof Rule r ? r : null;
    }

    /** Returns the set to add or create; null for delete and flush. */
    public NamedSet set() {
      return content instanceof NamedSet s ? s : null;
    }

    /** Returns the map to add or create; null for delete and flush. */
    public NamedMap map() {
      return content instanceof NamedMap m ? m : null;
    }

    /** Returns the elements to add or delete, for element operations. */
    @SuppressWarnings("unchecked")
    public List<Value> elements() {
      return content instanceof List<?> list ? (List<Value>) list : List.of();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Operation that
          && verb == that.verb
          && type == that.type
          && table.equals(that.table)
          && Objects.equals(name, that.name)
          && Objects.equals(content, that.content);
    }

    @Override
    public int hashCode() {
      return Objects.hash(verb, type, table, name, content);
    }

    /** Returns the nft command, or its JSON where a statement has no text form. */
    @Override
    public String toString() {
      return render(new Transaction(List.of(this))).strip();
    }
  }

  private final ImmutableList<Operation> operations;

  private Transaction(List<Operation> operations) {
    this.operations = ImmutableList.copyOf(operations);
  }

  /** Starts an empty transaction. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the transaction that puts {@code table} in place of any table of the same family and
   * name, atomically: it adds the table empty (a no-op if it exists), deletes it, and adds it anew.
   * Other tables are not touched. This works on every nft version; {@code destroy table} (nft
   * 1.0.8, Linux 6.3) would say the same in fewer words.
   */
  public static Transaction replacing(Table table) {
    return builder().add(table.ref()).delete(table.ref()).add(table).build();
  }

  /** Returns the operations in the order nft applies them. */
  public List<Operation> operations() {
    return operations;
  }

  /** Returns whether the transaction has no operations. */
  public boolean isEmpty() {
    return operations.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Transaction that && operations.equals(that.operations);
  }

  @Override
  public int hashCode() {
    return operations.hashCode();
  }

  /** Returns the nft script, or the libnftables JSON where a statement has no text form. */
  @Override
  public String toString() {
    return render(this);
  }

  private static String render(Transaction transaction) {
    return NftText.canRender(transaction)
        ? NftText.transaction(transaction)
        : NftJson.transaction(transaction);
  }

  /** Collects the operations of a {@link Transaction}, checking each as it comes. */
  public static final class Builder {
    private final ImmutableList.Builder<Operation> operations = ImmutableList.builder();

    private Builder() {}

    private Builder op(Verb verb, ObjectType type, TableRef table, String name, Object content) {
      operations.add(
          new Operation(verb, type, Objects.requireNonNull(table, "table"), name, content));
      return this;
    }

    /** Adds {@code table} with everything in it, merging into the table if it exists. */
    public Builder add(Table table) {
      return op(Verb.ADD, ObjectType.TABLE, table.ref(), null, table);
    }

    /** Adds the empty table {@code table}; a no-op if it exists. */
    public Builder add(TableRef table) {
      return op(Verb.ADD, ObjectType.TABLE, table, null, null);
    }

    /** Creates {@code table} with everything in it, failing if the table exists. */
    public Builder create(Table table) {
      return op(Verb.CREATE, ObjectType.TABLE, table.ref(), null, table);
    }

    /** Deletes the table with everything in it, failing if there is none. */
    public Builder delete(TableRef table) {
      return op(Verb.DELETE, ObjectType.TABLE, table, null, null);
    }

    /** Deletes every rule of every chain of the table, and every element of its sets. */
    public Builder flush(TableRef table) {
      return op(Verb.FLUSH, ObjectType.TABLE, table, null, null);
    }

    /** Adds {@code chain} with its rules to {@code table}; an existing chain gets the rules. */
    public Builder add(TableRef table, Chain chain) {
      return op(Verb.ADD, ObjectType.CHAIN, table, chain.name(), chain);
    }

    /** Creates {@code chain} with its rules in {@code table}, failing if it exists. */
    public Builder create(TableRef table, Chain chain) {
      return op(Verb.CREATE, ObjectType.CHAIN, table, chain.name(), chain);
    }

    /** Deletes the chain, which must be empty and unreferenced. */
    public Builder delete(ChainRef chain) {
      return op(Verb.DELETE, ObjectType.CHAIN, chain.table(), chain.name(), null);
    }

    /** Deletes every rule of the chain. */
    public Builder flush(ChainRef chain) {
      return op(Verb.FLUSH, ObjectType.CHAIN, chain.table(), chain.name(), null);
    }

    /** Appends {@code rule} to the chain; a handle the rule carries is ignored. */
    public Builder add(ChainRef chain, Rule rule) {
      return op(Verb.ADD, ObjectType.RULE, chain.table(), chain.name(), rule.withoutHandle());
    }

    /**
     * Puts {@code rule} right after the rule with handle {@code handle}. nft 1.0.6 honours that
     * position in script text but not in JSON, where it appends; {@link #insertBefore} works in
     * both.
     *
     * @throws InvalidValueException if the handle is not positive
     */
    public Builder addAfter(ChainRef chain, long handle, Rule rule) {
      return op(Verb.ADD, ObjectType.RULE, chain.table(), chain.name(), rule.withHandle(handle));
    }

    /** Puts {@code rule} first in the chain; a handle the rule carries is ignored. */
    public Builder insert(ChainRef chain, Rule rule) {
      return op(Verb.INSERT, ObjectType.RULE, chain.table(), chain.name(), rule.withoutHandle());
    }

    /**
     * Puts {@code rule} right before the rule with handle {@code handle}.
     *
     * @throws InvalidValueException if the handle is not positive
     */
    public Builder insertBefore(ChainRef chain, long handle, Rule rule) {
      return op(Verb.INSERT, ObjectType.RULE, chain.table(), chain.name(), rule.withHandle(handle));
    }

    /**
     * Replaces the rule whose handle {@code rule} carries with {@code rule}.
     *
     * @throws InvalidValueException if the rule has no handle
     */
    public Builder replace(ChainRef chain, Rule rule) {
      requireHandle(Verb.REPLACE, chain, rule);
      return op(Verb.REPLACE, ObjectType.RULE, chain.table(), chain.name(), rule);
    }

    /**
     * Deletes the rule with the handle {@code rule} carries.
     *
     * @throws InvalidValueException if the rule has no handle
     */
    public Builder delete(ChainRef chain, Rule rule) {
      requireHandle(Verb.DELETE, chain, rule);
      return op(Verb.DELETE, ObjectType.RULE, chain.table(), chain.name(), rule);
    }

    private static void requireHandle(Verb verb, ChainRef chain, Rule rule) {
      if (rule.handle().isEmpty()) {
        throw new InvalidValueException(
            verb.keyword() + " rule in " + chain,
            NftText.rule(rule),
            "has no handle; the kernel finds the rule to "
                + verb.keyword()
                + " by its handle, so take the rule from a listing");
      }
    }

    /** Adds {@code set} with its elements to {@code table}; an existing set gets the elements. */
    public Builder add(TableRef table, NamedSet set) {
      return op(Verb.ADD, ObjectType.SET, table, set.name(), set);
    }

    /** Creates {@code set} in {@code table}, failing if it exists. */
    public Builder create(TableRef table, NamedSet set) {
      return op(Verb.CREATE, ObjectType.SET, table, set.name(), set);
    }

    /** Adds {@code map} with its entries to {@code table}. */
    public Builder add(TableRef table, NamedMap map) {
      return op(Verb.ADD, ObjectType.MAP, table, map.name(), map);
    }

    /** Adds the named counter to {@code table}. */
    public Builder add(TableRef table, NamedCounter counter) {
      return op(Verb.ADD, ObjectType.COUNTER, table, counter.name(), null);
    }

    /** Deletes the set or map {@code name} of {@code table}; no rule may use it. */
    public Builder deleteSet(TableRef table, String name) {
      Names.checkIdentifier("set name", name);
      return op(Verb.DELETE, ObjectType.SET, table, name, null);
    }

    /** Deletes every element of the set {@code name} of {@code table}. */
    public Builder flushSet(TableRef table, String name) {
      Names.checkIdentifier("set name", name);
      return op(Verb.FLUSH, ObjectType.SET, table, name, null);
    }

    /**
     * Adds {@code elements} to the set {@code name} of {@code table}.
     *
     * @throws InvalidValueException if there are none
     */
    public Builder addElements(TableRef table, String name, List<? extends Value> elements) {
      return elements(Verb.ADD, table, name, elements);
    }

    /**
     * Deletes {@code elements} from the set {@code name} of {@code table}; each must be there.
     *
     * @throws InvalidValueException if there are none
     */
    public Builder deleteElements(TableRef table, String name, List<? extends Value> elements) {
      return elements(Verb.DELETE, table, name, elements);
    }

    private Builder elements(
        Verb verb, TableRef table, String name, List<? extends Value> elements) {
      Names.checkIdentifier("set name", name);
      if (elements.isEmpty()) {
        throw new InvalidValueException(
            verb.keyword() + " element in " + table + " " + name, "", "names no elements");
      }
      return op(verb, ObjectType.ELEMENTS, table, name, List.copyOf(elements));
    }

    /** Appends an operation of another transaction. */
    Builder append(Operation operation) {
      operations.add(Objects.requireNonNull(operation, "operation"));
      return this;
    }

    /** Builds the transaction. */
    public Transaction build() {
      return new Transaction(operations.build());
    }
  }
}
