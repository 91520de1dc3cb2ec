package io.github.ocservnat.nft.model;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A non-empty set of connection states, matched when the connection is in any of them.
 *
 * @param states the states, kept in nft's order (invalid, established, related, new, untracked)
 */
public record CtStates(Set<CtState> states) implements Value {
  /**
   * Copies the states into an immutable set.
   *
   * @throws InvalidValueException if there are none
   */
  public CtStates {
    if (states.isEmpty()) {
      throw new InvalidValueException("ct states", "", "is empty; name at least one state");
    }
    states = Collections.unmodifiableSet(EnumSet.copyOf(states));
  }

  /** Returns the set of the given states. */
  public static CtStates of(CtState first, CtState... more) {
    return new CtStates(EnumSet.of(first, more));
  }

  /** Returns the set of the given states. */
  public static CtStates of(Collection<CtState> states) {
    return new CtStates(states.isEmpty() ? EnumSet.noneOf(CtState.class) : EnumSet.copyOf(states));
  }

  /** Returns the states as nft writes them: {@code established,related}. */
  public String keyword() {
    return states.stream().map(CtState::keyword).collect(Collectors.joining(","));
  }
}
