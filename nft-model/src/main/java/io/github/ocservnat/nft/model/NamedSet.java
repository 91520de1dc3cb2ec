package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named set of a table, which rules match with {@code @name}: {@code set allowed { type
 * ipv4_addr; flags interval; elements = { 10.0.0.0/8 } }}. Its elements can change without touching
 * the rules that use it.
 *
 * <p>Elements are kept sorted and without duplicates: the kernel keeps no order, so two sets with
 * the same elements are equal, and render the same text.
 */
public final class NamedSet {
  private final String name;
  private final ImmutableList<Datatype> type;
  private final Set<SetFlag> flags;
  private final Duration timeout;
  private final ImmutableList<Value> elements;
  private final String comment;

  private NamedSet(Builder builder) {
    this.name = builder.name;
    this.type = ImmutableList.copyOf(builder.type);
    this.flags = Collections.unmodifiableSet(EnumSet.copyOf(builder.flags));
    this.timeout = builder.timeout;
    this.comment = builder.comment;
    TreeSet<Value> sorted = new TreeSet<>(ValueOrder::compare);
    sorted.addAll(builder.elements);
    this.elements = ImmutableList.copyOf(sorted);
  }

  /**
   * Starts a set named {@code name} whose elements have type {@code first} (or, with more types,
   * the concatenation of them all).
   *
   * @throws InvalidValueException if nft cannot take {@code name} as a set name
   */
  public static Builder builder(String name, Datatype first, Datatype... more) {
    List<Datatype> type = new ArrayList<>();
    type.add(first);
    type.addAll(List.of(more));
    return new Builder(name, type);
  }

  /** Returns the set's name, unique among the table's sets and maps. */
  public String name() {
    return name;
  }

  /** Returns the element type: one type, or the parts of a concatenation. */
  public List<Datatype> type() {
    return type;
  }

  /** Returns the set's flags. */
  public Set<SetFlag> flags() {
    return flags;
  }

  /** Returns how long elements live by default, if they expire. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** Returns the elements, sorted. */
  public List<Value> elements() {
    return elements;
  }

  /** Returns the set's comment, if it has one. */
  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  /** Returns a builder holding this set's parts. */
  public Builder toBuilder() {
    Builder builder = new Builder(name, type);
    builder.flags.addAll(flags);
    builder.timeout = timeout;
    builder.comment = comment;
    builder.elements.addAll(elements);
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NamedSet that
        && name.equals(that.name)
        && type.equals(that.type)
        && flags.equals(that.flags)
        && Objects.equals(timeout, that.timeout)
        && elements.equals(that.elements)
        && Objects.equals(comment, that.comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, flags, timeout, elements, comment);
  }

  @Override
  public String toString() {
    return NftText.set(this);
  }

  /** Checks that {@code element} can be an element of a set of {@code type}. */
  static void checkElement(String owner, List<Datatype> type, boolean interval, Value element) {
    List<Value> parts = element instanceof Concat concat ? concat.parts() : List.of(element);
    List<Datatype> types = parts.stream().map(Value::datatype).toList();
    if (!types.equals(type)) {
      throw new InvalidValueException(
          owner + " element",
          NftText.value(element),
          "does not fit the type " + NftText.typeOf(type));
    }
    for (Value part : parts) {
      boolean isInterval =
          part instanceof Range
              || (part instanceof IpPrefix prefix && !prefix.isHost())
              || (part instanceof InterfaceName name && name.isWildcard());
      if (isInterval && !interval) {
        throw new InvalidValueException(
            owner + " element",
            NftText.value(element),
            "is a prefix, range or wildcard; the set needs flags interval for it");
      }
      if (part instanceof AnonymousSet || part instanceof SetReference || part instanceof FlagSet) {
        throw new InvalidValueException(
            owner + " element", NftText.value(element), "cannot be an element of a named set");
      }
    }
  }

  /** Collects the parts of a {@link NamedSet}. */
  public static final class Builder {
    private final String name;
    private final List<Datatype> type;
    private final EnumSet<SetFlag> flags = EnumSet.noneOf(SetFlag.class);
    private Duration timeout;
    private String comment;
    private final List<Value> elements = new ArrayList<>();

    private Builder(String name, List<Datatype> type) {
      this.name = Names.checkIdentifier("set name", Objects.requireNonNull(name, "name"));
      for (Datatype part : type) {
        Objects.requireNonNull(part, "type");
        if (part.isFlags() || part == Datatype.IFACE_INDEX) {
          throw new InvalidValueException(
              "set " + name + " type",
              part.keyword(),
              "is not a type this model keeps in named sets");
        }
      }
      this.type = type;
    }

    /** Adds flags; none by default. */
    public Builder flags(SetFlag... more) {
      flags.addAll(List.of(more));
      return this;
    }

    /**
     * Sets how long elements live; by default they do not expire. Sets flag timeout.
     *
     * @throws InvalidValueException if it is not a whole number of seconds, at least one
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.getNano() != 0) {
        throw new InvalidValueException(
            "set " + name + " timeout", timeout.toString(), "is not a whole number of seconds");
      }
      this.timeout = timeout;
      flags.add(SetFlag.TIMEOUT);
      return this;
    }

    /** Sets the comment; none by default. */
    public Builder comment(String comment) {
      this.comment = Strings.checkQuotable("set " + name + " comment", comment, 128);
      return this;
    }

    /** Adds elements. */
    public Builder elements(Value... more) {
      elements.addAll(List.of(more));
      return this;
    }

    /** Adds elements. */
    public Builder elements(List<? extends Value> more) {
      elements.addAll(more);
      return this;
    }

    /**
     * Builds the set.
     *
     * @throws InvalidValueException if an element does not fit the type, or is a prefix or range in
     *     a set without flags interval
     */
    public NamedSet build() {
      for (Value element : elements) {
        checkElement("set " + name, type, flags.contains(SetFlag.INTERVAL), element);
      }
      NamedSet set = new NamedSet(this);
      if (type.size() == 1) {
        Intervals.checkDisjoint("set " + name, set.elements);
      }
      return set;
    }
  }
}
