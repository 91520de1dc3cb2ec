package io.github.ocservnat.nat;

import com.google.common.collect.ImmutableList;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Collapses a list of subnets or interface names to the entries that matter: a duplicate, or an
 * entry that another entry already covers ({@code 10.1.0.0/24} beside {@code 10.0.0.0/8}, {@code
 * eth0} beside {@code eth*}), adds nothing to a match, and nft refuses overlapping elements in one
 * set.
 */
public final class Coverage {
  private Coverage() {}

  /**
   * An entry left out, and the kept entry that covers it.
   *
   * @param entry the entry left out
   * @param coveredBy the kept entry that covers it; equal to {@code entry} for a duplicate
   */
  public record Redundant<T>(T entry, T coveredBy) {}

  /**
   * The outcome of {@link #collapse}.
   *
   * @param kept the entries that remain, in the order they were given
   * @param redundant the entries left out, in the order they were given
   */
  public record Collapsed<T>(ImmutableList<T> kept, ImmutableList<Redundant<T>> redundant) {}

  /**
   * Keeps the entries of {@code entries} that no other entry covers; of equal entries, the first.
   *
   * @param covers whether its first argument covers its second, e.g. {@link #contains}
   */
  public static <T> Collapsed<T> collapse(List<T> entries, BiPredicate<T, T> covers) {
    ImmutableList.Builder<T> kept = ImmutableList.builder();
    for (int i = 0; i < entries.size(); i++) {
      if (isKept(entries, i, covers)) {
        kept.add(entries.get(i));
      }
    }
    ImmutableList<T> keptList = kept.build();

    ImmutableList.Builder<Redundant<T>> redundant = ImmutableList.builder();
    for (int i = 0; i < entries.size(); i++) {
      if (!isKept(entries, i, covers)) {
        T entry = entries.get(i);
        // Covering is transitive, so some kept entry covers every entry left out.
        T by = keptList.stream().filter(k -> covers.test(k, entry)).findFirst().orElseThrow();
        redundant.add(new Redundant<>(entry, by));
      }
    }
    return new Collapsed<>(keptList, redundant.build());
  }

  private static <T> boolean isKept(List<T> entries, int i, BiPredicate<T, T> covers) {
    T entry = entries.get(i);
    for (int j = 0; j < entries.size(); j++) {
      T other = entries.get(j);
      if (j != i && covers.test(other, entry) && (!covers.test(entry, other) || j < i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether every address of {@code inner} lies in one of {@code subnets} or another:
   * {@code 10.0.0.0/24} and {@code 10.0.1.0/24} cover {@code 10.0.0.0/23} together.
   */
  public static boolean coverTogether(List<IpPrefix> subnets, IpPrefix inner) {
    List<IpPrefix> family = subnets.stream().filter(s -> s.isIpv4() == inner.isIpv4()).toList();
    Span wanted = Span.of(inner);
    return joined(family).stream()
        .anyMatch(
            span ->
                span.first().compareTo(wanted.first()) <= 0
                    && span.last().compareTo(wanted.last()) >= 0);
  }

  /** The addresses from {@code first} to {@code last}, as numbers. */
  record Span(BigInteger first, BigInteger last) {
    static Span of(IpPrefix subnet) {
      BigInteger first = new BigInteger(1, subnet.address().getAddress());
      int hostBits = subnet.address().getAddress().length * 8 - subnet.length();
      return new Span(
          first, first.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE));
    }
  }

  /**
   * Returns {@code subnets}, all of one family, as the fewest spans in address order: those that
   * overlap or touch joined, as the kernel joins the intervals of a set.
   */
  static List<Span> joined(List<IpPrefix> subnets) {
    List<Span> spans = new ArrayList<>();
    for (IpPrefix subnet : subnets) {
      spans.add(Span.of(subnet));
    }
    spans.sort(Comparator.comparing(Span::first));

    List<Span> joined = new ArrayList<>();
    for (Span span : spans) {
      Span previous = joined.isEmpty() ? null : joined.get(joined.size() - 1);
      if (previous != null && span.first().compareTo(previous.last().add(BigInteger.ONE)) <= 0) {
        joined.set(joined.size() - 1, new Span(previous.first(), previous.last().max(span.last())));
      } else {
        joined.add(span);
      }
    }
    return joined;
  }

  /** Returns whether every address of {@code inner} lies in {@code outer}. */
  public static boolean contains(IpPrefix outer, IpPrefix inner) {
    return outer.contains(inner);
  }

  /** Returns whether every interface that {@code inner} matches, {@code outer} matches too. */
  public static boolean matches(InterfaceName outer, InterfaceName inner) {
    if (outer.isWildcard()) {
      return inner.name().startsWith(outer.name());
    }
    return !inner.isWildcard() && inner.name().equals(outer.name());
  }
}
