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
    BigInteger next = first(inner);
    BigInteger last = last(inner);
    List<IpPrefix> sorted = new ArrayList<>(subnets);
    sorted.sort(Comparator.comparing(Coverage::first));
    for (IpPrefix subnet : sorted) {
      if (subnet.isIpv4() == inner.isIpv4()
          && first(subnet).compareTo(next) <= 0
          && last(subnet).compareTo(next) >= 0) {
        next = last(subnet).add(BigInteger.ONE);
        if (next.compareTo(last) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static BigInteger first(IpPrefix subnet) {
    return new BigInteger(1, subnet.address().getAddress());
  }

  private static BigInteger last(IpPrefix subnet) {
    int hostBits = subnet.address().getAddress().length * 8 - subnet.length();
    return first(subnet).add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE);
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
