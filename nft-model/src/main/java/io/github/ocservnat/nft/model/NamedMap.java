package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A named map of a table: {@code map backends { type inet_service : ipv4_addr; elements = { 80 :
 * 192.0.2.10 } }}. Entries are kept sorted by key, one per key.
 */
public final class NamedMap {
  /**
   * One entry of a map.
   *
   * @param key the key, of the map's key type
   * @param value the value, of the map's value type
   */
  public record Entry(Value key, Value value) {
    /** Checks both parts are there. */
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  private final String name;
  private final ImmutableList<Datatype> keyType;
  private final Datatype valueType;
  private final boolean interval;
  private final ImmutableList<Entry> entries;
  private final String comment;

  private NamedMap(Builder builder) {
    this.name = builder.name;
    this.keyType = ImmutableList.copyOf(builder.keyType);
    this.valueType = builder.valueType;
    this.interval = builder.interval;
    this.comment = builder.comment;
    TreeMap<Value, Entry> sorted = new TreeMap<>(ValueOrder::compare);
    builder.entries.forEach(entry -> sorted.put(entry.key(), entry));
    this.entries = ImmutableList.copyOf(sorted.values());
  }

  /**
   * Starts a map named {@code name} from {@code keyType} to {@code valueType}.
   *
   * @throws InvalidValueException if nft cannot take {@code name} as a map name
   */
  public static Builder builder(String name, Datatype keyType, Datatype valueType) {
    return new Builder(name, List.of(keyType), valueType);
  }

  /** Returns the map's name, unique among the table's sets and maps. */
  public String name() {
    return name;
  }

  /** Returns the key type: one type, or the parts of a concatenation. */
  public List<Datatype> keyType() {
    return keyType;
  }

  /** Returns the value type. */
  public Datatype valueType() {
    return valueType;
  }

  /** Returns whether keys may be prefixes and ranges (flags interval). */
  public boolean interval() {
    return interval;
  }

  /** Returns the entries, sorted by key. */
  public List<Entry> entries() {
    return entries;
  }

  /** Returns the map's comment, if it has one. */
  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NamedMap that
        && name.equals(that.name)
        && keyType.equals(that.keyType)
        && valueType == that.valueType
        && interval == that.interval
        && entries.equals(that.entries)
        && Objects.equals(comment, that.comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, keyType, valueType, interval, entries, comment);
  }

  @Override
  public String toString() {
    return NftText.map(this);
  }

  /** Collects the parts of a {@link NamedMap}. */
  public static final class Builder {
    private final String name;
    private final List<Datatype> keyType;
    private final Datatype valueType;
    private boolean interval;
    private String comment;
    private final List<Entry> entries = new ArrayList<>();

    private Builder(String name, List<Datatype> keyType, Datatype valueType) {
      this.name = Names.checkIdentifier("map name", Objects.requireNonNull(name, "name"));
      this.keyType = keyType;
      this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    /** Lets keys be prefixes and ranges (flags interval); off by default. */
    public Builder interval() {
      this.interval = true;
      return this;
    }

    /** Sets the comment; none by default. */
    public Builder comment(String comment) {
      this.comment = Strings.checkQuotable("map " + name + " comment", comment, 128);
      return this;
    }

    /** Adds the entry {@code key : value}; a later entry for the same key replaces it. */
    public Builder entry(Value key, Value value) {
      entries.add(new Entry(key, value));
      return this;
    }

    /**
     * Builds the map.
     *
     * @throws InvalidValueException if a key or value does not fit its type
     */
    public NamedMap build() {
      for (Entry entry : entries) {
        NamedSet.checkElement("map " + name, keyType, interval, entry.key());
        NamedSet.checkElement("map " + name + " value", List.of(valueType), false, entry.value());
      }
      return new NamedMap(this);
    }
  }
}
