package io.github.ocservnat.nat;

import io.github.ocservnat.nft.model.NftException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * The shell init-nat's log format: {@code YYYY-MM-DD HH:MM:SS [INIT-NAT] message}, local time,
 * information on standard output and errors on standard error.
 */
final class InitNatLog {
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

  /**
   * Prints {@code text} as it is, for --help, --version, the script and the plan, and returns
   * whether it was written: a full disk or a closed pipe would lose it without a word.
   */
  boolean print(String text) {
    out.print(text);
    out.flush();
    return !out.checkError();
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
    stream.println(timestamp() + " [INIT-NAT] " + message);
    stream.flush();
  }

  /**
   * Returns the local time as {@code YYYY-MM-DD HH:MM:SS}, written out by hand: a DateTimeFormatter
   * costs a process that runs for a fraction of a second a noticeable part of it.
   */
  private String timestamp() {
    LocalDateTime now = LocalDateTime.now(clock);
    StringBuilder text = new StringBuilder(19);
    text.append(now.getYear()).append('-');
    twoDigits(text, now.getMonthValue()).append('-');
    twoDigits(text, now.getDayOfMonth()).append(' ');
    twoDigits(text, now.getHour()).append(':');
    twoDigits(text, now.getMinute()).append(':');
    return twoDigits(text, now.getSecond()).toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
