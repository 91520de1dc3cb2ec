package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * An element of a set whose key is a concatenation of types, such as {@code 192.0.2.1 . 22} for
 * {@code type ipv4_addr . inet_service}.
 *
 * @param parts one value per type of the key, at least two
 */
public record Concat(List<Value> parts) implements Value {
  /**
   * Copies the parts.
   *
   * @throws InvalidValueException if there are fewer than two, or one is itself compound
   */
  public Concat {
    parts = ImmutableList.copyOf(parts);
    if (parts.size() < 2) {
      throw new InvalidValueException(
          "concatenation", parts.toString(), "needs at least two parts", "192.0.2.1 . 22");
    }
    for (Value part : parts) {
      if (part instanceof Concat || part instanceof AnonymousSet || part instanceof SetReference) {
        throw new InvalidValueException(
            "concatenation part", NftText.value(part), "must be a single value, prefix or range");
      }
    }
  }

  /** Returns the concatenation of {@code parts}. */
  public static Concat of(Value... parts) {
    return new Concat(List.of(parts));
  }

  /** Returns the type of the first part; {@link #types()} gives them all. */
  @Override
  public Datatype datatype() {
    return parts.get(0).datatype();
  }

  /** Returns the types of the parts, in order. */
  public List<Datatype> types() {
    return parts.stream().map(Value::datatype).collect(ImmutableList.toImmutableList());
  }
}
