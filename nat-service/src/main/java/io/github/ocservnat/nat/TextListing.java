package io.github.ocservnat.nat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What init-nat needs from {@code nft list ruleset} as text, where the JSON listing cannot be
 * trusted with it: which tables are dormant, and which nft cannot list as JSON at all.
 *
 * <p>nft 1.0.6 lists a dormant table's flags in JSON from memory it does not own: as its family
 * ({@code "flags": "inet"}), as JSON cut short, or with a corrupted heap that aborts the process.
 * And where the kernel has joined two interface wildcards of one set that touch ({@code vpns*} ends
 * where {@code vpnt*} starts) into one interval, nft's JSON listing fails an assertion and aborts
 * the process, libnftables in this JVM included; its text listing prints the interval as a range of
 * strings, {@code ""-"..."}, which nft's own syntax has no way to write.
 *
 * <p>It also keeps each chain's rules as nft writes them, for what the JSON listing leaves out: nft
 * lists an xtables match of iptables-nft in JSON by its name alone, and in text as libxtables
 * translates it, where nft was built with libxtables.
 */
final class TextListing {
  private final Set<String> tables = new LinkedHashSet<>();
  private final Set<String> dormant = new HashSet<>();
  private final Set<String> unlistable = new HashSet<>();
  private final Map<String, List<String>> rules = new HashMap<>();

  private TextListing(String text) {
    String table = null;
    List<String> chain = null;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("table ") && line.endsWith(" {")) {
        table = line.substring("table ".length(), line.length() - " {".length());
        tables.add(table);
        chain = null;
      } else if (table != null && line.startsWith("\tchain ") && line.endsWith(" {")) {
        String name = line.substring("\tchain ".length(), line.length() - " {".length());
        chain = rules.computeIfAbsent(table + " " + name, key -> new ArrayList<>());
      } else if (line.equals("\t}")) {
        chain = null;
      } else if (chain != null && line.startsWith("\t\t") && !line.startsWith("\t\ttype ")) {
        chain.add(line.strip());
      }
      if (table == null) {
        continue;
      }
      if (line.startsWith("\tflags ") && line.contains("dormant")) {
        dormant.add(table);
      } else if (line.contains("\"-\"")) {
        unlistable.add(table);
      }
    }
  }

  /** Reads the text of {@code nft list ruleset}, or of {@code nft list table ...}. */
  static TextListing of(String text) {
    return new TextListing(text);
  }

  /** Returns whether the listing has table {@code ref}, written {@code inet ocserv}. */
  boolean has(String ref) {
    return tables.contains(ref);
  }

  /** Returns the tables, written {@code inet ocserv}, in the order listed. */
  Set<String> tables() {
    return Collections.unmodifiableSet(tables);
  }

  /**
   * Returns the rules of chain {@code chain} of table {@code ref} as nft writes them, one a line,
   * stripped; none for a chain not listed.
   */
  List<String> rules(String ref, String chain) {
    return Collections.unmodifiableList(rules.getOrDefault(ref + " " + chain, List.of()));
  }

  /** Returns whether table {@code ref} has flag dormant. */
  boolean isDormant(String ref) {
    return dormant.contains(ref);
  }

  /** Returns whether nft would abort listing table {@code ref} as JSON. */
  boolean isUnlistable(String ref) {
    return unlistable.contains(ref);
  }

  /**
   * Returns whether nft would abort listing some table as JSON: one with a joined interval of
   * names, or a dormant one.
   */
  boolean hasUnlistable() {
    return !unlistable.isEmpty() || !dormant.isEmpty();
  }
}
