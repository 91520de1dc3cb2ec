package io.github.ocservnat.nft.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Logs the packet to the kernel log: {@code log prefix "vpn: " level info}.
 *
 * @param prefix text put before each message, at most 127 bytes of printable ASCII
 * @param level the syslog level; {@link LogLevel#WARN}, nft's default, is kept as no level, so that
 *     a rule reads back as it was written
 */
public record Log(Optional<String> prefix, Optional<LogLevel> level) implements Statement {
  /**
   * Checks the prefix.
   *
   * @throws InvalidValueException if it is too long or has characters nft cannot quote
   */
  public Log {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(level, "level");
    prefix.ifPresent(text -> Strings.checkQuotable("log prefix", text, 127));
    level = level.filter(l -> l != LogLevel.WARN);
  }

  /** Returns {@code log prefix "prefix"}. */
  public static Log prefix(String prefix) {
    return new Log(Optional.of(prefix), Optional.empty());
  }

  /** Returns this statement at {@code level}. */
  public Log at(LogLevel newLevel) {
    return new Log(prefix, Optional.of(newLevel));
  }
}
