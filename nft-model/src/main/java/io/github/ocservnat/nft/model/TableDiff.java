package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What it takes to turn a live table into a desired one: a list of changes to show a person, and
 * the transaction that makes them. An empty diff means the live table is already as desired, so
 * that applying nothing leaves its counters and sets alone.
 *
 * <p>Rules are compared in order, as the kernel runs them: the diff keeps the longest run of rules
 * the two tables share and deletes and inserts around it, by handle, so rules that stay keep their
 * counters. What cannot change in place (a chain's type, hook or priority, a set's type or flags, a
 * map, the table's comment or flags) makes the transaction replace the whole table atomically
 * instead, as it does when the live rules carry no handles.
 */
public final class TableDiff {
  /**
   * One difference, for a person to read.
   *
   * @param kind what kind of difference it is
   * @param object what it is about, such as {@code chain forward}
   * @param detail the rule, elements or properties concerned
   */
  public record Change(Kind kind, String object, String detail) {
    /** The kinds of difference. */
    public enum Kind {
      /** Something the desired table has and the live one lacks. */
      ADD,
      /** Something the live table has and the desired one lacks. */
      DELETE,
      /** Something both have, but not alike. */
      CHANGE
    }

    /** Checks the parts. */
    public Change {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(detail, "detail");
    }

    /** Returns the change on one line: {@code + chain forward: iifname "wg0" accept}. */
    @Override
    public String toString() {
      String sign = kind == Kind.ADD ? "+ " : kind == Kind.DELETE ? "- " : "~ ";
      return sign + object + (detail.isEmpty() ? "" : ": " + detail);
    }
  }

  private final ImmutableList<Change> changes;
  private final Transaction transaction;

  private TableDiff(List<Change> changes, Transaction transaction) {
    this.changes = ImmutableList.copyOf(changes);
    this.transaction = transaction;
  }

  /**
   * Returns what turns {@code live} into {@code desired}; an empty live table means there is none
   * yet.
   *
   * @throws IllegalArgumentException if the two are not the same family and name
   */
  public static TableDiff between(Optional<Table> live, Table desired) {
    if (live.isEmpty()) {
      return new TableDiff(
          List.of(new Change(Change.Kind.ADD, "table " + desired.ref(), "")),
          Transaction.builder().add(desired).build());
    }
    Table current = live.get();
    if (!current.ref().equals(desired.ref())) {
      throw new IllegalArgumentException(
          "live table: '" + current.ref() + "' is not the desired table " + desired.ref());
    }
    if (current.equals(desired)) {
      return new TableDiff(List.of(), Transaction.builder().build());
    }
    return new Differ(current, desired).diff();
  }

  /** Returns the differences, in the order the transaction deals with them. */
  public List<Change> changes() {
    return changes;
  }

  /** Returns whether the live table is already the desired one. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Returns the transaction that turns the live table into the desired one. */
  public Transaction transaction() {
    return transaction;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    changes.forEach(change -> out.append(change).append('\n'));
    return out.toString();
  }

  /** Works out one diff. */
  private static final class Differ {
    private final Table live;
    private final Table desired;
    private final TableRef ref;
    private final List<Change> changes = new ArrayList<>();
    // The transaction goes in phases, each safe after the ones before it: new objects; old
    // elements out, then new ones in (interval elements may not overlap even for a moment);
    // rules; then removed chains, all flushed before any is deleted, since one may jump to
    // another; and last the sets and maps those chains used.
    private final Transaction.Builder additions = Transaction.builder();
    private final Transaction.Builder elementRemovals = Transaction.builder();
    private final Transaction.Builder elementAdditions = Transaction.builder();
    private final Transaction.Builder ruleChanges = Transaction.builder();
    private final Transaction.Builder chainFlushes = Transaction.builder();
    private final Transaction.Builder chainRemovals = Transaction.builder();
    private final Transaction.Builder removals = Transaction.builder();
    private boolean replaceTable;

    Differ(Table live, Table desired) {
      this.live = live;
      this.desired = desired;
      this.ref = desired.ref();
    }

    TableDiff diff() {
      if (!live.comment().equals(desired.comment()) || !live.flags().equals(desired.flags())) {
        changes.add(new Change(Change.Kind.CHANGE, "table " + ref, "comment or flags"));
        replaceTable = true;
      }
      diffCounters();
      diffSets();
      diffMaps();
      diffChains();

      Transaction transaction;
      if (replaceTable) {
        changes.add(
            new Change(
                Change.Kind.CHANGE,
                "table " + ref,
                "replaced whole, since not all of this can change in place; its counters start"
                    + " again from zero"));
        transaction = Transaction.replacing(desired);
      } else {
        Transaction.Builder all = Transaction.builder();
        for (Transaction.Builder phase :
            List.of(
                additions,
                elementRemovals,
                elementAdditions,
                ruleChanges,
                chainFlushes,
                chainRemovals,
                removals)) {
          phase.build().operations().forEach(all::append);
        }
        transaction = all.build();
      }
      return new TableDiff(changes, transaction);
    }

    private void diffCounters() {
      Set<NamedCounter> wanted = new HashSet<>(desired.counters());
      Set<NamedCounter> have = new HashSet<>(live.counters());
      for (NamedCounter counter : desired.counters()) {
        if (!have.contains(counter)) {
          changes.add(new Change(Change.Kind.ADD, "counter " + counter.name(), ""));
          additions.add(ref, counter);
        }
      }
      for (NamedCounter counter : live.counters()) {
        if (!wanted.contains(counter)) {
          changes.add(new Change(Change.Kind.DELETE, "counter " + counter.name(), ""));
          replaceTable = true;
        }
      }
    }

    private void diffSets() {
      Map<String, NamedSet> have = byName(live.sets(), NamedSet::name);
      Map<String, NamedSet> wanted = byName(desired.sets(), NamedSet::name);
      for (NamedSet set : desired.sets()) {
        NamedSet current = have.get(set.name());
        if (current == null) {
          changes.add(new Change(Change.Kind.ADD, "set " + set.name(), ""));
          additions.add(ref, set);
        } else if (!current.equals(set)) {
          diffSet(current, set);
        }
      }
      for (NamedSet set : live.sets()) {
        if (!wanted.containsKey(set.name())) {
          changes.add(new Change(Change.Kind.DELETE, "set " + set.name(), ""));
          removals.deleteSet(ref, set.name());
        }
      }
    }

    private void diffSet(NamedSet current, NamedSet set) {
      boolean sameShape =
          current.type().equals(set.type())
              && current.flags().equals(set.flags())
              && current.timeout().equals(set.timeout())
              && current.comment().equals(set.comment());
      if (!sameShape) {
        changes.add(new Change(Change.Kind.CHANGE, "set " + set.name(), "type, flags or timeout"));
        replaceTable = true;
        return;
      }
      if (set.flags().contains(SetFlag.TIMEOUT) || set.flags().contains(SetFlag.DYNAMIC)) {
        // Elements come and go by themselves, by timeout or from packets: leave them be.
        return;
      }
      if (set.flags().contains(SetFlag.CONSTANT)) {
        changes.add(
            new Change(Change.Kind.CHANGE, "set " + set.name(), "elements of a constant set"));
        replaceTable = true;
        return;
      }
      List<Value> add = new ArrayList<>(set.elements());
      add.removeAll(current.elements());
      List<Value> delete = new ArrayList<>(current.elements());
      delete.removeAll(set.elements());
      if (!add.isEmpty()) {
        changes.add(new Change(Change.Kind.ADD, "set " + set.name() + " elements", values(add)));
        elementAdditions.addElements(ref, set.name(), add);
      }
      if (!delete.isEmpty()) {
        changes.add(
            new Change(Change.Kind.DELETE, "set " + set.name() + " elements", values(delete)));
        elementRemovals.deleteElements(ref, set.name(), delete);
      }
    }

    private void diffMaps() {
      Map<String, NamedMap> have = byName(live.maps(), NamedMap::name);
      Map<String, NamedMap> wanted = byName(desired.maps(), NamedMap::name);
      for (NamedMap map : desired.maps()) {
        NamedMap current = have.get(map.name());
        if (current == null) {
          changes.add(new Change(Change.Kind.ADD, "map " + map.name(), ""));
          additions.add(ref, map);
        } else if (!current.equals(map)) {
          changes.add(new Change(Change.Kind.CHANGE, "map " + map.name(), "entries or type"));
          replaceTable = true;
        }
      }
      for (NamedMap map : live.maps()) {
        if (!wanted.containsKey(map.name())) {
          changes.add(new Change(Change.Kind.DELETE, "map " + map.name(), ""));
          removals.deleteSet(ref, map.name());
        }
      }
    }

    private void diffChains() {
      Map<String, Chain> have = byName(live.chains(), Chain::name);
      Map<String, Chain> wanted = byName(desired.chains(), Chain::name);
      // New chains go in empty first, so that rules anywhere can jump to them.
      for (Chain chain : desired.chains()) {
        if (!have.containsKey(chain.name())) {
          changes.add(new Change(Change.Kind.ADD, "chain " + chain.name(), baseOf(chain)));
          Chain.Builder empty = Chain.builder(chain.name());
          chain.base().ifPresent(empty::base);
          additions.add(ref, empty.build());
        }
      }
      for (Chain chain : desired.chains()) {
        Chain current = have.get(chain.name());
        if (current == null) {
          for (Rule rule : chain.rules()) {
            ruleChanges.add(ref.chain(chain.name()), rule.withoutHandle());
          }
        } else if (!current.equals(chain)) {
          diffChain(current, chain);
        }
      }
      for (Chain chain : live.chains()) {
        if (!wanted.containsKey(chain.name())) {
          changes.add(new Change(Change.Kind.DELETE, "chain " + chain.name(), ""));
          chainFlushes.flush(ref.chain(chain.name()));
          chainRemovals.delete(ref.chain(chain.name()));
        }
      }
    }

    private void diffChain(Chain current, Chain chain) {
      ChainRef chainRef = ref.chain(chain.name());
      Optional<BaseChain> was = current.base();
      Optional<BaseChain> now = chain.base();
      if (!was.equals(now)) {
        boolean policyOnly =
            was.isPresent()
                && now.isPresent()
                && was.get().type() == now.get().type()
                && was.get().hook() == now.get().hook()
                && was.get().priority().equals(now.get().priority());
        changes.add(new Change(Change.Kind.CHANGE, "chain " + chain.name(), baseOf(chain)));
        if (!policyOnly) {
          replaceTable = true;
          return;
        }
        additions.add(ref, Chain.builder(chain.name()).base(now.get()).build());
      }

      List<Rule> have = current.rules();
      List<Rule> want = chain.rules();
      int[][] common = commonLengths(have, want);
      boolean handles = have.stream().allMatch(rule -> rule.handle().isPresent());
      boolean byHandle = false;
      // New rules wait until the next rule that stays, and go in before it, in order.
      List<Rule> pending = new ArrayList<>();
      int i = 0;
      int j = 0;
      while (i < have.size() || j < want.size()) {
        if (i < have.size() && j < want.size() && have.get(i).equals(want.get(j))) {
          for (Rule rule : pending) {
            ruleChanges.insertBefore(chainRef, have.get(i).handle().orElse(1), rule);
            byHandle = true;
          }
          pending.clear();
          i++;
          j++;
        } else if (i < have.size() && (j == want.size() || common[i + 1][j] >= common[i][j + 1])) {
          changes.add(
              new Change(Change.Kind.DELETE, "chain " + chain.name(), describe(have.get(i))));
          if (handles) {
            ruleChanges.delete(chainRef, have.get(i));
          }
          byHandle = true;
          i++;
        } else {
          changes.add(new Change(Change.Kind.ADD, "chain " + chain.name(), describe(want.get(j))));
          pending.add(want.get(j).withoutHandle());
          j++;
        }
      }
      for (Rule rule : pending) {
        ruleChanges.add(chainRef, rule);
      }
      if (byHandle && !handles) {
        replaceTable = true;
      }
    }

    /**
     * Returns the lengths of the longest common runs of rules: {@code common[i][j]} for the live
     * rules from i and the desired rules from j.
     */
    private static int[][] commonLengths(List<Rule> have, List<Rule> want) {
      int[][] common = new int[have.size() + 1][want.size() + 1];
      for (int i = have.size() - 1; i >= 0; i--) {
        for (int j = want.size() - 1; j >= 0; j--) {
          common[i][j] =
              have.get(i).equals(want.get(j))
                  ? common[i + 1][j + 1] + 1
                  : Math.max(common[i + 1][j], common[i][j + 1]);
        }
      }
      return common;
    }

    private static String baseOf(Chain chain) {
      return chain
          .base()
          .map(
              b ->
                  "type "
                      + b.type().keyword()
                      + " hook "
                      + b.hook().keyword()
                      + " priority "
                      + b.priority().keyword()
                      + "; policy "
                      + b.policy().keyword())
          .orElse("regular chain");
    }

    private static String describe(Rule rule) {
      return NftText.describe(rule);
    }

    private static String values(List<Value> values) {
      StringBuilder text = new StringBuilder("{ ");
      for (int i = 0; i < values.size(); i++) {
        text.append(i == 0 ? "" : ", ").append(NftText.value(values.get(i)));
      }
      return text.append(" }").toString();
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
      Map<String, T> map = new HashMap<>();
      items.forEach(item -> map.put(name.apply(item), item));
      return map;
    }
  }
}
