package io.github.ocservnat.nft.backend;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on scripts that both backends make before handing them to nft. */
final class Scripts {
  // A command starts a line or follows a semicolon.
  private static final Pattern MONITOR = Pattern.compile("(?m)(?:^|;)\\s*monitor\\b");

  private static final Pattern INCLUDE = Pattern.compile("(?m)(?:^|;)\\s*include\\b");

  private static final Pattern LISTING =
      Pattern.compile(
          "list (?:ruleset|tables|table|chains|chain|sets|set|maps|map|counters|counter|"
              + "flowtables|flowtable|quotas|quota|limits|limit)(?: [^;\\n\\r]*)?");

  private Scripts() {}

  /**
   * Returns {@code script} if libnftables can be given it as it stands: the checks {@link Nftables}
   * makes.
   *
   * @throws IllegalArgumentException if it holds a NUL, which would end it early, or a {@code
   *     monitor} command, which never returns
   */
  static String checkRaw(String script) {
    int nul = script.indexOf('\0');
    if (nul >= 0) {
      throw new IllegalArgumentException(
          "script: holds a NUL character at offset "
              + nul
              + "; nft would read only what comes before it");
    }
    if (MONITOR.matcher(script).find()) {
      throw new IllegalArgumentException(
          "script: 'monitor' never returns, and would hold the backend for good; run nft monitor"
              + " as a process of its own");
    }
    return script;
  }

  /**
   * Returns {@code script} if a backend can be given it: the checks of {@link #checkRaw}, and no
   * {@code include}, whose files could hold anything and keep a descriptor each while they run.
   *
   * @throws IllegalArgumentException if it cannot
   */
  static String check(String script) {
    checkRaw(script);
    if (INCLUDE.matcher(script).find()) {
      throw new IllegalArgumentException(
          "script: 'include' is not taken by a backend, whose scripts must hold everything they"
              + " run; put the included text in the script");
    }
    return script;
  }

  /** Returns whether {@code script} is libnftables JSON rather than nft's text. */
  static boolean isJson(String script) {
    return script.stripLeading().startsWith("{");
  }

  /** Returns how many {@code include} commands {@code script} has at its top level. */
  static int includes(String script) {
    Matcher include = INCLUDE.matcher(script);
    int count = 0;
    while (include.find()) {
      count++;
    }
    return count;
  }

  /**
   * Returns {@code command} if it is one listing of the ruleset or of its objects.
   *
   * @throws IllegalArgumentException if it is not, or is more than one command
   */
  static String listing(String command) {
    if (!LISTING.matcher(command.strip()).matches()) {
      throw new IllegalArgumentException(
          "command: '"
              + command
              + "' is not one listing of the ruleset or its objects (example: list ruleset)");
    }
    return command.strip();
  }
}
