package io.github.ocservnat.nft.backend;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on scripts that both backends make before handing them to nft. */
final class Scripts {
  // A command starts a line or follows a semicolon.
  private static final Pattern MONITOR = Pattern.compile("(?m)(?:^|;)\\s*monitor\\b");

  private static final Pattern LISTING =
      Pattern.compile(
          "list (?:ruleset|tables|table|chains|chain|sets|set|maps|map|counters|counter|"
              + "flowtables|flowtable|quotas|quota|limits|limit)(?: [^;\\n\\r]*)?");

  private Scripts() {}

  /**
   * Returns {@code script} if nft can be given it.
   *
   * @throws IllegalArgumentException if it holds a NUL, which would end it early, or a {@code
   *     monitor} command, which never returns
   */
  static String check(String script) {
    int nul = script.indexOf('\0');
    if (nul >= 0) {
      throw new IllegalArgumentException(
          "script: holds a NUL character at offset "
              + nul
              + "; nft would read only what comes before it");
    }
    Matcher monitor = MONITOR.matcher(script);
    if (monitor.find()) {
      throw new IllegalArgumentException(
          "script: 'monitor' never returns, and would hold the backend for good; run nft monitor"
              + " as a process of its own");
    }
    return script;
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
