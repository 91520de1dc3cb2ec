package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.TreeSet;

/**
 * An anonymous set, {@code { 80, 443 }}: a match against it succeeds when the packet's value is any
 * of the elements. Elements are kept sorted and without duplicates, so that equal sets render the
 * same text whatever order they were given in.
 *
 * @param elements at least one; single values, prefixes or ranges of one type
 */
public record AnonymousSet(List<Value> elements) implements Value {
  /**
   * Checks, sorts and copies the elements.
   *
   * @throws InvalidValueException if there are none, or they are of different types, or one of them
   *     is a set itself
   */
  public AnonymousSet {
    if (elements.isEmpty()) {
      throw new InvalidValueException("set", "{ }", "is empty; name at least one element");
    }
    Datatype type = elements.get(0).datatype();
    TreeSet<Value> sorted = new TreeSet<>(ValueOrder::compare);
    for (Value element : elements) {
      if (element instanceof AnonymousSet
          || element instanceof SetReference
          || element instanceof FlagSet) {
        throw new InvalidValueException(
            "set element", NftText.value(element), "cannot be an element of a set");
      }
      if (element.datatype() != type) {
        throw new InvalidValueException(
            "set element",
            NftText.value(element),
            "is of type " + element.datatype().keyword() + ", the set holds " + type.keyword());
      }
      sorted.add(element);
    }
    elements = ImmutableList.copyOf(sorted);
    if (elements.size() == 1) {
      throw new InvalidValueException(
          "set",
          "{ " + NftText.value(elements.get(0)) + " }",
          "holds one element; nft lists it as the element itself, so write that");
    }
    Intervals.checkDisjoint("set", elements);
  }

  /** Returns the set of {@code elements}. */
  public static AnonymousSet of(Value... elements) {
    return new AnonymousSet(List.of(elements));
  }

  @Override
  public Datatype datatype() {
    return elements.get(0).datatype();
  }
}
