package io.github.ocservnat.nft.model;

/** The syslog level of a {@link Log} statement; nft's default is {@link #WARN}. */
public enum LogLevel implements Keyword {
  /** System is unusable. */
  EMERG("emerg"),
  /** Action must be taken immediately. */
  ALERT("alert"),
  /** Critical conditions. */
  CRIT("crit"),
  /** Error conditions. */
  ERR("err"),
  /** Warning conditions; the default. */
  WARN("warn"),
  /** Normal but significant. */
  NOTICE("notice"),
  /** Informational. */
  INFO("info"),
  /** Debug messages. */
  DEBUG("debug"),
  /** Sent to the audit subsystem instead of the kernel log. */
  AUDIT("audit");

  private final String keyword;

  LogLevel(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
