package io.github.ocservnat.nat;

import io.github.ocservnat.nft.model.NftException;
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
  private PrintStream info;

  InitNatLog(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.info = out;
  }

  /** Sends information to standard error from now on, leaving standard output to {@link #print}. */
  void infoToStandardError() {
    info = err;
  }

  /** Prints {@code text} as it is, for --help, --version, the script and the plan. */
  void print(String text) {
    out.print(text);
    out.flush();
  }

  void info(String message) {
    write(info, message);
  }

  void warn(String message) {
    write(err, "warning: " + message);
  }

  void error(String message) {
    write(err, "error: " + message);
  }

  /** Writes a line that belongs to the warning before it, indented. */
  void warnDetail(String message) {
    write(err, "  " + message);
  }

  /** Writes a line that belongs to the error before it, indented. */
  void errorDetail(String message) {
    write(err, "  " + message);
  }

  /** Writes the errors nft reported after the first, which the error line already says. */
  void detail(NftException e) {
    e.problems().stream()
        .skip(1)
        .map(
            problem ->
                problem.message()
                    + problem
                        .location()
                        .map(
                            l ->
                                " at line "
                                    + l.line()
                                    + ", column "
                                    + l.column()
                                    + ": "
                                    + l.sourceLine().strip())
                        .orElse(""))
        .distinct()
        .forEach(line -> write(err, "  " + line));
  }

  private void write(PrintStream stream, String message) {
    stream.println(TIME.format(LocalDateTime.now(clock)) + " [INIT-NAT] " + message);
    stream.flush();
  }
}
