package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * Matches packets up to a rate, with a burst: {@code limit rate 10/second}; with {@code over},
 * matches the packets beyond it instead.
 *
 * @param rate packets per {@code per}, at least 1
 * @param per the time unit of the rate
 * @param burst packets allowed above the rate at once; nft's default is 5
 * @param over whether the match is for packets over the rate
 */
public record Limit(long rate, Unit per, int burst, boolean over) implements Statement {
  /** The time units of a rate. */
  public enum Unit implements Keyword {
    /** Per second. */
    SECOND("second"),
    /** Per minute. */
    MINUTE("minute"),
    /** Per hour. */
    HOUR("hour"),
    /** Per day. */
    DAY("day"),
    /** Per week. */
    WEEK("week");

    private final String keyword;

    Unit(String keyword) {
      this.keyword = keyword;
    }

    @Override
    public String keyword() {
      return keyword;
    }
  }

  /** nft's burst when none is given. */
  public static final int DEFAULT_BURST = 5;

  /**
   * Checks the numbers.
   *
   * @throws InvalidValueException if the rate or the burst is below 1
   */
  public Limit {
    Objects.requireNonNull(per, "per");
    if (rate < 1 || rate > 0xffff_ffffL) {
      throw new InvalidValueException(
          "limit rate", Long.toString(rate), "is not a rate from 1 to 4294967295", "10");
    }
    if (burst < 1) {
      throw new InvalidValueException(
          "limit burst", Integer.toString(burst), "is not at least 1 packet", "5");
    }
  }

  /** Returns {@code limit rate rate/per} with the default burst. */
  public static Limit rate(long rate, Unit per) {
    return new Limit(rate, per, DEFAULT_BURST, false);
  }
}
