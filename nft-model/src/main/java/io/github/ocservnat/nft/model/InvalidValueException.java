package io.github.ocservnat.nft.model;

/**
 * A value that cannot be part of an nftables ruleset: a malformed address, a name the kernel would
 * refuse, a number out of range.
 *
 * <p>The message always has the same shape: the field, the bad value in quotes, what is wrong and,
 * where it helps, what would be right, as in {@code prefix: '10.10.0' is not an IP prefix (example:
 * 10.10.10.0/24)}. Callers that know a better name for the field, such as the environment variable
 * the value came from, use {@link #withField(String)}.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param field what the value was meant to be, such as {@code "interface name"}
   * @param value the rejected value, exactly as given
   * @param problem what is wrong with it, starting lowercase, such as {@code "is empty"}
   */
  public InvalidValueException(String field, String value, String problem) {
    super(field + ": '" + value + "' " + problem);
    this.field = field;
    this.value = value;
    this.problem = problem;
  }

  /** Returns the field the value was meant for. */
  public String field() {
    return field;
  }

  /** Returns the rejected value, exactly as given. */
  public String value() {
    return value;
  }

  /** Returns what is wrong with the value, without the field and the value. */
  public String problem() {
    return problem;
  }

  /** Returns the same complaint about the same value, attributed to another field. */
  public InvalidValueException withField(String otherField) {
    return new InvalidValueException(otherField, value, problem);
  }
}
