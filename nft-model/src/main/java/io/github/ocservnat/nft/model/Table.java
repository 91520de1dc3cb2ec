package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table: the unit of ownership in nftables. Chains, sets, maps and counters live in a table;
 * deleting the table removes them all, and nothing outside the table is affected.
 *
 * <p>Equality compares everything but handles and what counters have counted, and regardless of the
 * order in which sets, maps, counters and chains were added: the kernel runs chains by hook and
 * priority, not in the order nft lists them. Rules within a chain compare in order.
 */
public final class Table {
  private final Family family;
  private final String name;
  private final String comment;
  private final Set<TableFlag> flags;
  private final ImmutableList<NamedCounter> counters;
  private final ImmutableList<NamedSet> sets;
  private final ImmutableList<NamedMap> maps;
  private final ImmutableList<Chain> chains;

  private Table(Builder builder) {
    this.family = builder.family;
    this.name = builder.name;
    this.comment = builder.comment;
    this.flags = Collections.unmodifiableSet(EnumSet.copyOf(builder.flags));
    this.counters =
        ImmutableList.sortedCopyOf((a, b) -> a.name().compareTo(b.name()), builder.counters);
    this.sets = ImmutableList.sortedCopyOf((a, b) -> a.name().compareTo(b.name()), builder.sets);
    this.maps = ImmutableList.sortedCopyOf((a, b) -> a.name().compareTo(b.name()), builder.maps);
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

  /** Returns the reference to this table: its family and name. */
  public TableRef ref() {
    return new TableRef(family, name);
  }

  /**
   * Returns the table's comment, if it has one. libnftables JSON carries table comments from nft
   * 1.0.7 on; an older nft lists them only as text.
   */
  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  /** Returns the table's flags. */
  public Set<TableFlag> flags() {
    return flags;
  }

  /** Returns the named counters, sorted by name. */
  public List<NamedCounter> counters() {
    return counters;
  }

  /** Returns the named sets, sorted by name. */
  public List<NamedSet> sets() {
    return sets;
  }

  /** Returns the named maps, sorted by name. */
  public List<NamedMap> maps() {
    return maps;
  }

  /** Returns the chains in the order they were added. */
  public List<Chain> chains() {
    return chains;
  }

  /** Returns the chain named {@code chainName}, if the table has one. */
  public Optional<Chain> chain(String chainName) {
    return chains.stream().filter(c -> c.name().equals(chainName)).findFirst();
  }

  /** Returns the set named {@code setName}, if the table has one. */
  public Optional<NamedSet> set(String setName) {
    return sets.stream().filter(s -> s.name().equals(setName)).findFirst();
  }

  /** Returns a builder holding this table's parts. */
  public Builder toBuilder() {
    Builder builder = new Builder(family, name);
    builder.comment = comment;
    builder.flags.addAll(flags);
    builder.counters.addAll(counters);
    builder.sets.addAll(sets);
    builder.maps.addAll(maps);
    builder.chains.addAll(chains);
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Table that
        && family == that.family
        && name.equals(that.name)
        && Objects.equals(comment, that.comment)
        && flags.equals(that.flags)
        && counters.equals(that.counters)
        && sets.equals(that.sets)
        && maps.equals(that.maps)
        && Set.copyOf(chains).equals(Set.copyOf(that.chains));
  }

  @Override
  public int hashCode() {
    return Objects.hash(family, name, comment, flags, counters, sets, maps, Set.copyOf(chains));
  }

  /** Returns the script text, or the JSON listing if a statement has no text form. */
  @Override
  public String toString() {
    try {
      return NftText.table(this);
    } catch (IllegalArgumentException e) {
      return NftJson.table(this);
    }
  }

  /** Collects the parts of a {@link Table}. */
  public static final class Builder {
    private final Family family;
    private final String name;
    private String comment;
    private final EnumSet<TableFlag> flags = EnumSet.noneOf(TableFlag.class);
    private final List<NamedCounter> counters = new ArrayList<>();
    private final List<NamedSet> sets = new ArrayList<>();
    private final List<NamedMap> maps = new ArrayList<>();
    private final ImmutableList.Builder<Chain> chains = ImmutableList.builder();

    private Builder(Family family, String name) {
      this.family = Objects.requireNonNull(family, "family");
      this.name = Names.checkIdentifier("table name", Objects.requireNonNull(name, "name"));
    }

    /** Sets the comment; none by default. */
    public Builder comment(String comment) {
      this.comment = Strings.checkQuotable("table comment", comment, 128);
      return this;
    }

    /** Adds flags; none by default. */
    public Builder flags(TableFlag... more) {
      flags.addAll(List.of(more));
      return this;
    }

    /** Adds a named counter. */
    public Builder counter(NamedCounter counter) {
      counters.add(Objects.requireNonNull(counter, "counter"));
      return this;
    }

    /** Adds a named set. */
    public Builder set(NamedSet set) {
      sets.add(Objects.requireNonNull(set, "set"));
      return this;
    }

    /** Adds a named map. */
    public Builder map(NamedMap map) {
      maps.add(Objects.requireNonNull(map, "map"));
      return this;
    }

    /** Appends a chain. */
    public Builder chain(Chain chain) {
      chains.add(Objects.requireNonNull(chain, "chain"));
      return this;
    }

    /**
     * Builds the table.
     *
     * @throws InvalidValueException if two chains, or two sets and maps, or two counters share a
     *     name; a base chain's type is not allowed in this family; a jump or goto names no regular
     *     chain of the table; or a rule refers to a set or counter the table lacks or whose type
     *     does not fit
     */
    public Table build() {
      Table table = new Table(this);
      String owner = "table " + family.keyword() + " " + name;

      Map<String, Chain> chainsByName = new HashMap<>();
      for (Chain chain : table.chains) {
        if (chainsByName.put(chain.name(), chain) != null) {
          throw new InvalidValueException(owner, chain.name(), "names two chains");
        }
        Optional<BaseChain> base = chain.base();
        if (base.isPresent() && !base.get().type().allowedIn(family)) {
          throw new InvalidValueException(
              "chain " + chain.name(),
              base.get().type().keyword(),
              "is not a chain type of the " + family.keyword() + " family");
        }
      }
      Map<String, List<Datatype>> setTypes = new HashMap<>();
      for (NamedSet set : table.sets) {
        if (setTypes.put(set.name(), set.type()) != null) {
          throw new InvalidValueException(owner, set.name(), "names two sets or maps");
        }
      }
      for (NamedMap map : table.maps) {
        if (setTypes.put(map.name(), map.keyType()) != null) {
          throw new InvalidValueException(owner, map.name(), "names two sets or maps");
        }
      }
      Set<String> counterNames = new HashSet<>();
      for (NamedCounter counter : table.counters) {
        if (!counterNames.add(counter.name())) {
          throw new InvalidValueException(owner, counter.name(), "names two counters");
        }
      }

      for (Chain chain : table.chains) {
        for (Rule rule : chain.rules()) {
          checkFamily(chain, rule);
          for (Statement statement : rule.statements()) {
            checkReferences(chain, rule, statement, chainsByName, setTypes, counterNames);
          }
        }
      }
      checkLoops(chainsByName);
      return table;
    }

    /** ip tables see only IPv4, ip6 tables only IPv6, arp tables neither. */
    private void checkFamily(Chain chain, Rule rule) {
      Set<String> needs = rule.networkProtocols();
      boolean fits =
          switch (family) {
            case IP -> !needs.contains("ipv6");
            case IP6 -> !needs.contains("ipv4");
            case ARP -> needs.isEmpty();
            default -> true;
          };
      if (!fits) {
        throw new InvalidValueException(
            "chain " + chain.name(),
            NftText.describe(rule),
            "needs "
                + String.join(" and ", needs)
                + " packets, which a table of the "
                + family.keyword()
                + " family never sees; use an inet table for both");
      }
    }

    /** The kernel refuses jumps that lead back to where they came from. */
    private static void checkLoops(Map<String, Chain> chains) {
      Map<String, Integer> state = new HashMap<>();
      for (String name : chains.keySet()) {
        List<String> path = new ArrayList<>();
        if (loopFrom(name, chains, state, path)) {
          throw new InvalidValueException(
              "chain " + path.get(0),
              String.join(" -> ", path),
              "jumps in a loop, which the kernel refuses");
        }
      }
    }

    private static boolean loopFrom(
        String name, Map<String, Chain> chains, Map<String, Integer> state, List<String> path) {
      Integer seen = state.get(name);
      if (seen != null) {
        if (seen == 1) {
          path.add(name);
          path.subList(0, path.indexOf(name)).clear();
          return true;
        }
        return false;
      }
      state.put(name, 1);
      path.add(name);
      for (Rule rule : chains.get(name).rules()) {
        for (Statement statement : rule.statements()) {
          if (statement instanceof Verdict verdict
              && verdict.target().isPresent()
              && chains.containsKey(verdict.target().get())
              && loopFrom(verdict.target().get(), chains, state, path)) {
            return true;
          }
        }
      }
      path.remove(path.size() - 1);
      state.put(name, 2);
      return false;
    }

    private static void checkReferences(
        Chain chain,
        Rule rule,
        Statement statement,
        Map<String, Chain> chains,
        Map<String, List<Datatype>> setTypes,
        Set<String> counters) {
      String where = "chain " + chain.name();
      if (statement instanceof Verdict verdict && verdict.target().isPresent()) {
        Chain target = chains.get(verdict.target().get());
        if (target == null) {
          throw new InvalidValueException(
              where, NftText.rule(rule), "goes to a chain the table does not have");
        }
        if (target.base().isPresent()) {
          throw new InvalidValueException(
              where, NftText.rule(rule), "goes to a base chain; jump and goto need a regular one");
        }
      }
      if (statement instanceof Counter counter
          && counter.name().isPresent()
          && !counters.contains(counter.name().get())) {
        throw new InvalidValueException(
            where, NftText.rule(rule), "uses a counter the table does not have");
      }
      if (statement instanceof Match match && match.right() instanceof SetReference ref) {
        List<Datatype> type = setTypes.get(ref.name());
        if (type == null) {
          throw new InvalidValueException(
              where, NftText.rule(rule), "uses a set the table does not have");
        }
        if (!type.equals(List.of(match.left().datatype()))) {
          throw new InvalidValueException(
              where,
              NftText.rule(rule),
              "compares "
                  + match.left().keyword()
                  + " with a set of "
                  + NftText.typeOf(type)
                  + "; it takes a set of "
                  + match.left().datatype().keyword());
        }
      }
    }
  }
}
