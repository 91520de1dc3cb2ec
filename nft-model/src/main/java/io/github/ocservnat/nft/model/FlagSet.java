package io.github.ocservnat.nft.model;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A non-empty set of flags of one kind: connection states, connection statuses or TCP flags. A
 * match against it succeeds when any of the flags is set, as in {@code ct state
 * established,related}.
 *
 * @param <E> the kind of flag
 */
public final class FlagSet<E extends Enum<E> & Keyword> implements Value {
  private final Datatype datatype;
  private final Set<E> flags;

  private FlagSet(Datatype datatype, Class<E> type, Collection<E> flags) {
    if (flags.isEmpty()) {
      throw new InvalidValueException(
          datatype.keyword(), "", "is an empty set of flags; name at least one");
    }
    EnumSet<E> copy = EnumSet.noneOf(type);
    copy.addAll(flags);
    this.datatype = datatype;
    this.flags = Collections.unmodifiableSet(copy);
  }

  /** Returns the connection states {@code first} and {@code more}. */
  public static FlagSet<CtState> ctStates(CtState first, CtState... more) {
    return new FlagSet<>(Datatype.CT_STATE, CtState.class, EnumSet.of(first, more));
  }

  /** Returns the connection statuses {@code first} and {@code more}. */
  public static FlagSet<CtStatus> ctStatuses(CtStatus first, CtStatus... more) {
    return new FlagSet<>(Datatype.CT_STATUS, CtStatus.class, EnumSet.of(first, more));
  }

  /** Returns the TCP flags {@code first} and {@code more}. */
  public static FlagSet<TcpFlag> tcpFlags(TcpFlag first, TcpFlag... more) {
    return new FlagSet<>(Datatype.TCP_FLAG, TcpFlag.class, EnumSet.of(first, more));
  }

  /**
   * Returns the flags of {@code datatype} that nft names {@code keywords}.
   *
   * @throws InvalidValueException if a keyword names no flag of that kind
   */
  static FlagSet<?> parse(Datatype datatype, Collection<String> keywords) {
    switch (datatype) {
      case CT_STATE:
        return new FlagSet<>(datatype, CtState.class, lookUp(CtState.class, datatype, keywords));
      case CT_STATUS:
        return new FlagSet<>(datatype, CtStatus.class, lookUp(CtStatus.class, datatype, keywords));
      case TCP_FLAG:
        return new FlagSet<>(datatype, TcpFlag.class, lookUp(TcpFlag.class, datatype, keywords));
      default:
        throw new IllegalArgumentException(datatype + " is not a flag type");
    }
  }

  private static <E extends Enum<E> & Keyword> Set<E> lookUp(
      Class<E> type, Datatype datatype, Collection<String> keywords) {
    EnumSet<E> flags = EnumSet.noneOf(type);
    for (String keyword : keywords) {
      flags.add(Keywords.lookUp(type, datatype.keyword(), keyword));
    }
    return flags;
  }

  @Override
  public Datatype datatype() {
    return datatype;
  }

  /** Returns the flags, in nft's order. */
  public Set<E> flags() {
    return flags;
  }

  /** Returns the flags as nft writes them: {@code established,related}. */
  public String keyword() {
    return flags.stream().map(Keyword::keyword).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FlagSet<?> that
        && datatype == that.datatype
        && flags.equals(that.flags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(datatype, flags);
  }

  @Override
  public String toString() {
    return keyword();
  }
}
