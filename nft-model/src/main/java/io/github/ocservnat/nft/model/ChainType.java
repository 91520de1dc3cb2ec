package io.github.ocservnat.nft.model;

import java.util.EnumSet;
import java.util.Set;

/** The type of a base chain, which decides what its rules may do to a packet. */
public enum ChainType implements Keyword {
  /** Filters packets; allowed in every family. */
  FILTER("filter", EnumSet.allOf(Family.class)),
  /** Translates addresses; only the first packet of a connection passes through it. */
  NAT("nat", EnumSet.of(Family.IP, Family.IP6, Family.INET)),
  /** Reroutes locally generated packets whose marks or addresses change. */
  ROUTE("route", EnumSet.of(Family.IP, Family.IP6, Family.INET));

  private final String keyword;
  private final Set<Family> families;

  ChainType(String keyword, Set<Family> families) {
    this.keyword = keyword;
    this.families = families;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  /** Returns whether a table of the given family can hold a base chain of this type. */
  public boolean allowedIn(Family family) {
    return families.contains(family);
  }
}
