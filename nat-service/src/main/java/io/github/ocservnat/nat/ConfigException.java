package io.github.ocservnat.nat;

/**
 * The configuration cannot be used: a variable has a bad value, or values contradict each other.
 * The message names the variable, shows the value and says what would be right.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a complete message. */
  public ConfigException(String message) {
    super(message);
  }
}
