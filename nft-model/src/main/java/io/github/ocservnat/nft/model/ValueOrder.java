package io.github.ocservnat.nft.model;

import java.util.Arrays;
import java.util.Comparator;

/** The order in which set elements are kept and rendered: by type, then by value. */
final class ValueOrder {
  private static final Comparator<Value> BY_TYPE =
      Comparator.comparing(value -> value.datatype() == null ? -1 : value.datatype().ordinal());

  private ValueOrder() {}

  static int compare(Value a, Value b) {
    int byType = BY_TYPE.compare(a, b);
    if (byType != 0) {
      return byType;
    }
    // Ranges sort by where they start, as nft lists them; a value before a range from it.
    int byStart = comparePoints(start(a), start(b));
    if (byStart != 0) {
      return byStart;
    }
    int byKind = Integer.compare(kind(a), kind(b));
    if (byKind != 0) {
      return byKind;
    }
    return a instanceof Range ra && b instanceof Range rb ? comparePoints(ra.high(), rb.high()) : 0;
  }

  private static Value start(Value value) {
    return value instanceof Range range ? range.low() : value;
  }

  private static int comparePoints(Value a, Value b) {
    if (a instanceof Port pa && b instanceof Port pb) {
      return pa.compareTo(pb);
    } else if (a instanceof Mark ma && b instanceof Mark mb) {
      return ma.compareTo(mb);
    } else if (a instanceof IpPrefix ia && b instanceof IpPrefix ib) {
      int byAddress = Arrays.compareUnsigned(ia.address().getAddress(), ib.address().getAddress());
      return byAddress != 0 ? byAddress : Integer.compare(ia.length(), ib.length());
    } else if (a instanceof InterfaceName na && b instanceof InterfaceName nb) {
      return na.keyword().compareTo(nb.keyword());
    } else if (a instanceof Concat ca && b instanceof Concat cb) {
      for (int i = 0; i < Math.min(ca.parts().size(), cb.parts().size()); i++) {
        int byPart = compare(ca.parts().get(i), cb.parts().get(i));
        if (byPart != 0) {
          return byPart;
        }
      }
      return Integer.compare(ca.parts().size(), cb.parts().size());
    } else if (a instanceof Enum<?> ea && b instanceof Enum<?> eb) {
      return Integer.compare(ea.ordinal(), eb.ordinal());
    }
    return NftText.value(a).compareTo(NftText.value(b));
  }

  /** Single values before ranges, so that {@code 80} sorts before {@code 80-90}. */
  private static int kind(Value value) {
    return value instanceof Range ? 1 : 0;
  }
}
