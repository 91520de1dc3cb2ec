package io.github.ocservnat.nat;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The shell init-nat's log format: {@code YYYY-MM-DD HH:MM:SS [INIT-NAT] message}, local time,
 * information on standard output and errors on standard error.
 */
final class InitNatLog {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  InitNatLog(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** Prints {@code text} as it is, for --help and --version. */
  void print(String text) {
    out.print(text);
    out.flush();
  }

  void info(String message) {
    write(out, message);
  }

  void warn(String message) {
    write(err, "warning: " + message);
  }

  void error(String message) {
    write(err, "error: " + message);
  }

  /**
   * Writes the error lines of nft's text as lines of detail. The lines nft prints under them are
   * left out: for a script given as one buffer, nft 1.0.6 points them at its first line, whatever
   * line failed.
   */
  void detail(String nftError, String alreadySaid) {
    nftError
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith("Error:") && !alreadySaid.contains(line))
        .distinct()
        .forEach(line -> write(err, "  " + line));
  }

  private void write(PrintStream stream, String message) {
    stream.println(TIME.format(LocalDateTime.now(clock)) + " [INIT-NAT] " + message);
    stream.flush();
  }
}
