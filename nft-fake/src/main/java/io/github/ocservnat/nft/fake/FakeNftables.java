package io.github.ocservnat.nft.fake;

import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.Datatype;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.NamedCounter;
import io.github.ocservnat.nft.model.NamedMap;
import io.github.ocservnat.nft.model.NamedSet;
import io.github.ocservnat.nft.model.NftBackend;
import io.github.ocservnat.nft.model.NftException;
import io.github.ocservnat.nft.model.NftJson;
import io.github.ocservnat.nft.model.NftText;
import io.github.ocservnat.nft.model.Rule;
import io.github.ocservnat.nft.model.SetFlag;
import io.github.ocservnat.nft.model.SetReference;
import io.github.ocservnat.nft.model.Statement;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.TableFlag;
import io.github.ocservnat.nft.model.TableRef;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Transaction.Operation;
import io.github.ocservnat.nft.model.Value;
import io.github.ocservnat.nft.model.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An in-memory nftables for tests of code that drives nftables through {@link NftBackend}. It keeps
 * tables as the kernel would: a transaction applies whole or not at all; deleting what is missing
 * fails as not found, creating what exists as already exists, deleting a chain that still has rules
 * or is jumped to, or a set a rule uses, as busy; new rules get handles.
 *
 * <p>It checks what the model checks (names, types, references between objects) but not what only a
 * kernel knows, such as whether a module is loaded or an interface exists. Instances are safe for
 * use from several threads.
 */
public final class FakeNftables implements NftBackend {
  private Map<TableRef, Table> tables = new LinkedHashMap<>();
  private long nextHandle = 1;

  /** Returns an empty ruleset. */
  public FakeNftables() {}

  @Override
  public synchronized void apply(Transaction transaction) {
    State state = run(transaction);
    tables = state.tables;
    nextHandle = state.nextHandle;
  }

  @Override
  public synchronized void check(Transaction transaction) {
    run(transaction);
  }

  /** Applies {@code transaction} to a copy of the ruleset, which the caller may keep. */
  private State run(Transaction transaction) {
    State state = new State(new LinkedHashMap<>(tables), nextHandle);
    for (Operation operation : transaction.operations()) {
      state.apply(operation);
    }
    return state;
  }

  @Override
  public synchronized List<Table> listRuleset() {
    return List.copyOf(tables.values());
  }

  /** Returns the ruleset as {@code nft list ruleset} prints it. */
  public synchronized String listText() {
    return tables.values().stream().map(NftText::table).collect(Collectors.joining("\n"));
  }

  /** Returns the table as {@code nft -j list table} prints it, if there is one. */
  public synchronized Optional<String> listJson(TableRef table) {
    return Optional.ofNullable(tables.get(table)).map(NftJson::table);
  }

  /** The ruleset as a transaction changes it, kept apart until the whole transaction is in. */
  private static final class State {
    private final Map<TableRef, Table> tables;
    private long nextHandle;

    State(Map<TableRef, Table> tables, long nextHandle) {
      this.tables = tables;
      this.nextHandle = nextHandle;
    }

    void apply(Operation op) {
      String what = op.toString();
      switch (op.type()) {
        case TABLE:
          table(op, what);
          return;
        case CHAIN:
          chain(op, what);
          return;
        case RULE:
          rule(op, what);
          return;
        case SET:
        case MAP:
          set(op, what);
          return;
        case ELEMENTS:
          elements(op, what);
          return;
        case COUNTER:
          Parts counterParts = existing(op.table(), what);
          if (counterParts.counters.stream().noneMatch(c -> c.name().equals(op.name()))) {
            counterParts.counters.add(new NamedCounter(op.name()));
          }
          put(counterParts, what);
          return;
        default:
          throw new AssertionError(op.type());
      }
    }

    private void table(Operation op, String what) {
      TableRef ref = op.table();
      Table current = tables.get(ref);
      switch (op.verb()) {
        case ADD:
        case CREATE:
          if (current != null && op.verb() == Transaction.Verb.CREATE) {
            throw failure(NftException.Kind.ALREADY_EXISTS, "File exists", what);
          }
          Parts parts = current == null ? Parts.empty(op.tableContent(), ref) : Parts.of(current);
          Table content = op.tableContent();
          if (content != null) {
            content.counters().forEach(c -> addIfMissing(parts.counters, c));
            content.sets().forEach(s -> parts.putSet(s));
            content.maps().forEach(m -> parts.putMap(m));
            for (Chain chain : content.chains()) {
              addChain(parts, chain, false, what);
            }
          }
          put(parts, what);
          return;
        case DELETE:
          if (tables.remove(ref) == null) {
            throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
          }
          return;
        case FLUSH:
          Parts flushed = existing(ref, what);
          flushed.chains.replaceAll((name, chain) -> withRules(chain, List.of()));
          put(flushed, what);
          return;
        default:
          throw unsupported(what);
      }
    }

    private void chain(Operation op, String what) {
      Parts parts = existing(op.table(), what);
      Chain current = parts.chains.get(op.name());
      switch (op.verb()) {
        case ADD:
        case CREATE:
          if (current != null && op.verb() == Transaction.Verb.CREATE) {
            throw failure(NftException.Kind.ALREADY_EXISTS, "File exists", what);
          }
          addChain(parts, op.chain(), true, what);
          break;
        case DELETE:
          if (current == null) {
            throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
          }
          boolean jumpedTo =
              parts
                  .statements()
                  .anyMatch(
                      s -> s instanceof Verdict v && v.target().equals(Optional.of(op.name())));
          if (!current.rules().isEmpty() || jumpedTo) {
            throw failure(NftException.Kind.OTHER, "Device or resource busy", what);
          }
          parts.chains.remove(op.name());
          break;
        case FLUSH:
          if (current == null) {
            throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
          }
          parts.chains.put(op.name(), withRules(current, List.of()));
          break;
        default:
          throw unsupported(what);
      }
      put(parts, what);
    }

    private void addChain(Parts parts, Chain chain, boolean checkBase, String what) {
      Chain current = parts.chains.get(chain.name());
      List<Rule> rules = new ArrayList<>(current == null ? List.of() : current.rules());
      for (Rule rule : chain.rules()) {
        rules.add(rule.withHandle(nextHandle++));
      }
      Chain.Builder merged = Chain.builder(chain.name());
      if (current != null && current.base().isPresent() && chain.base().isPresent()) {
        var was = current.base().get();
        var now = chain.base().get();
        if (was.type() != now.type()
            || was.hook() != now.hook()
            || !was.priority().equals(now.priority())) {
          throw failure(NftException.Kind.NOT_SUPPORTED, "Operation not supported", what);
        }
      }
      if (current != null
          && current.base().isPresent() != chain.base().isPresent()
          && (checkBase || chain.base().isPresent())) {
        throw failure(NftException.Kind.ALREADY_EXISTS, "File exists", what);
      }
      chain
          .base()
          .or(() -> current == null ? Optional.empty() : current.base())
          .ifPresent(merged::base);
      rules.forEach(merged::rule);
      parts.chains.put(chain.name(), build(merged, what));
    }

    private void rule(Operation op, String what) {
      Parts parts = existing(op.table(), what);
      Chain chain = parts.chains.get(op.name());
      if (chain == null) {
        throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
      }
      List<Rule> rules = new ArrayList<>(chain.rules());
      Rule rule = op.rule();
      int position = -1;
      if (rule.handle().isPresent()) {
        long handle = rule.handle().getAsLong();
        for (int i = 0; i < rules.size(); i++) {
          if (rules.get(i).handle().orElse(0) == handle) {
            position = i;
          }
        }
        if (position < 0) {
          throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
        }
      }
      switch (op.verb()) {
        case ADD:
          rules.add(position < 0 ? rules.size() : position + 1, rule.withHandle(nextHandle++));
          break;
        case INSERT:
          rules.add(position < 0 ? 0 : position, rule.withHandle(nextHandle++));
          break;
        case REPLACE:
          rules.set(position, rule.withHandle(nextHandle++));
          break;
        case DELETE:
          rules.remove(position);
          break;
        default:
          throw unsupported(what);
      }
      parts.chains.put(op.name(), withRules(chain, rules));
      put(parts, what);
    }

    private void set(Operation op, String what) {
      Parts parts = existing(op.table(), what);
      boolean exists = parts.sets.containsKey(op.name()) || parts.maps.containsKey(op.name());
      switch (op.verb()) {
        case ADD:
        case CREATE:
          if (exists && op.verb() == Transaction.Verb.CREATE) {
            throw failure(NftException.Kind.ALREADY_EXISTS, "File exists", what);
          }
          if (op.set() != null) {
            parts.putSet(op.set());
          } else {
            parts.putMap(op.map());
          }
          break;
        case DELETE:
          if (!exists) {
            throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
          }
          boolean used =
              parts
                  .statements()
                  .anyMatch(
                      s ->
                          s instanceof Match m
                              && m.right() instanceof SetReference r
                              && r.name().equals(op.name()));
          if (used) {
            throw failure(NftException.Kind.OTHER, "Device or resource busy", what);
          }
          parts.sets.remove(op.name());
          parts.maps.remove(op.name());
          break;
        case FLUSH:
          NamedSet set = parts.sets.get(op.name());
          if (set == null) {
            throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
          }
          parts.sets.put(op.name(), withElements(set, List.of(), what));
          break;
        default:
          throw unsupported(what);
      }
      put(parts, what);
    }

    private void elements(Operation op, String what) {
      Parts parts = existing(op.table(), what);
      NamedSet set = parts.sets.get(op.name());
      if (set == null) {
        throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
      }
      List<Value> elements = new ArrayList<>(set.elements());
      if (op.verb() == Transaction.Verb.ADD) {
        elements.addAll(op.elements());
      } else if (op.verb() == Transaction.Verb.DELETE) {
        for (Value element : op.elements()) {
          if (!elements.remove(element)) {
            throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
          }
        }
      } else {
        throw unsupported(what);
      }
      parts.sets.put(op.name(), withElements(set, elements, what));
      put(parts, what);
    }

    private Parts existing(TableRef ref, String what) {
      Table table = tables.get(ref);
      if (table == null) {
        throw failure(NftException.Kind.NOT_FOUND, "No such file or directory", what);
      }
      return Parts.of(table);
    }

    /** Rebuilds the table, which checks references between its objects as the kernel does. */
    private void put(Parts parts, String what) {
      Table.Builder table = Table.builder(parts.ref.family(), parts.ref.name());
      parts.comment.ifPresent(table::comment);
      table.flags(parts.flags.toArray(new TableFlag[0]));
      parts.counters.forEach(table::counter);
      parts.sets.values().forEach(table::set);
      parts.maps.values().forEach(table::map);
      parts.chains.values().forEach(table::chain);
      Table built;
      try {
        built = table.build();
      } catch (InvalidValueException e) {
        String problem = e.problem();
        boolean busy = problem.contains("names two");
        throw failure(
            busy ? NftException.Kind.ALREADY_EXISTS : NftException.Kind.NOT_FOUND,
            (busy ? "File exists" : "No such file or directory") + " (" + e.getMessage() + ")",
            what);
      }
      tables.put(parts.ref, built);
    }

    private static Chain withRules(Chain chain, List<Rule> rules) {
      Chain.Builder builder = Chain.builder(chain.name());
      chain.base().ifPresent(builder::base);
      rules.forEach(builder::rule);
      return build(builder, "chain " + chain.name());
    }

    private static NamedSet withElements(NamedSet set, List<Value> elements, String what) {
      NamedSet.Builder builder =
          NamedSet.builder(
              set.name(),
              set.type().get(0),
              set.type().subList(1, set.type().size()).toArray(new Datatype[0]));
      builder.flags(set.flags().toArray(new SetFlag[0]));
      set.timeout().ifPresent(builder::timeout);
      set.comment().ifPresent(builder::comment);
      try {
        return builder.elements(elements).build();
      } catch (InvalidValueException e) {
        throw failure(NftException.Kind.OTHER, "Invalid argument (" + e.getMessage() + ")", what);
      }
    }

    private static Chain build(Chain.Builder chain, String what) {
      try {
        return chain.build();
      } catch (InvalidValueException e) {
        throw failure(
            NftException.Kind.NOT_SUPPORTED,
            "Operation not supported (" + e.getMessage() + ")",
            what);
      }
    }

    private static <T> void addIfMissing(List<T> list, T item) {
      if (!list.contains(item)) {
        list.add(item);
      }
    }

    private static NftException unsupported(String what) {
      return failure(NftException.Kind.OTHER, "Invalid argument", what);
    }

    /** Returns the failure as nft would report it, with the operation that failed under it. */
    private static NftException failure(NftException.Kind kind, String reason, String what) {
      String nftError = "Error: Could not process rule: " + reason + "\n" + what + "\n";
      return new NftException(kind, "Error: Could not process rule: " + reason, nftError, null);
    }
  }

  /** A table taken apart for changing. */
  private static final class Parts {
    private final TableRef ref;
    private final Optional<String> comment;
    private final Set<TableFlag> flags = new HashSet<>();
    private final List<NamedCounter> counters = new ArrayList<>();
    private final Map<String, NamedSet> sets = new LinkedHashMap<>();
    private final Map<String, NamedMap> maps = new LinkedHashMap<>();
    private final Map<String, Chain> chains = new LinkedHashMap<>();

    private Parts(TableRef ref, Optional<String> comment) {
      this.ref = ref;
      this.comment = comment;
    }

    static Parts empty(Table content, TableRef ref) {
      Parts parts = new Parts(ref, content == null ? Optional.empty() : content.comment());
      if (content != null) {
        parts.flags.addAll(content.flags());
      }
      return parts;
    }

    static Parts of(Table table) {
      Parts parts = new Parts(table.ref(), table.comment());
      parts.flags.addAll(table.flags());
      parts.counters.addAll(table.counters());
      table.sets().forEach(s -> parts.sets.put(s.name(), s));
      table.maps().forEach(m -> parts.maps.put(m.name(), m));
      table.chains().forEach(c -> parts.chains.put(c.name(), c));
      return parts;
    }

    void putSet(NamedSet set) {
      NamedSet current = sets.get(set.name());
      if (current == null) {
        sets.put(set.name(), set);
        return;
      }
      sets.put(set.name(), current.toBuilder().elements(set.elements()).build());
    }

    Stream<Statement> statements() {
      return chains.values().stream()
          .flatMap(c -> c.rules().stream())
          .flatMap(r -> r.statements().stream());
    }

    void putMap(NamedMap map) {
      maps.put(map.name(), map);
    }
  }
}
