package io.github.ocservnat.nft.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A value that cannot be part of an nftables ruleset: a malformed address, a name the kernel would
 * refuse, a number out of range.
 *
 * <p>The message always has the same shape: the field, the bad value in quotes, what is wrong and,
 * where it helps, an example of a good value, as in {@code prefix: '10.10.0' is not an IP prefix
 * (example: 10.10.10.0/24)}. Callers that know better names, such as the environment variable the
 * value came from and an example that suits it, use {@link #withField(String)} and {@link
 * #withExample(String)}.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;
  private final String problem;
  private final String example;

  /**
   * Creates the exception, without an example.
   *
   * @param field what the value was meant to be, such as {@code "interface name"}
   * @param value the rejected value, exactly as given
   * @param problem what is wrong with it, starting lowercase, such as {@code "is empty"}
   */
  public InvalidValueException(String field, String value, String problem) {
    this(field, value, problem, null);
  }

  /**
   * Creates the exception.
   *
   * @param field what the value was meant to be, such as {@code "interface name"}
   * @param value the rejected value, exactly as given
   * @param problem what is wrong with it, starting lowercase, such as {@code "is empty"}
   * @param example a good value, or null if an example would not help
   */
  public InvalidValueException(String field, String value, String problem, String example) {
    super(
        field
            + ": "
            + quote(value)
            + " "
            + problem
            + (example == null ? "" : " (example: " + example + ")"));
    this.field = Objects.requireNonNull(field, "field");
    this.value = Objects.requireNonNull(value, "value");
    this.problem = Objects.requireNonNull(problem, "problem");
    this.example = example;
  }

  /** Long values are cut in the message, so that one bad value cannot flood a log. */
  private static String quote(String value) {
    int max = 80;
    return value.length() <= max
        ? "'" + value + "'"
        : "'" + value.substring(0, max) + "...' (" + value.length() + " characters)";
  }

  /** Returns the field the value was meant for. */
  public String field() {
    return field;
  }

  /** Returns the rejected value, exactly as given. */
  public String value() {
    return value;
  }

  /** Returns what is wrong with the value, without the field, the value and the example. */
  public String problem() {
    return problem;
  }

  /** Returns an example of a good value, if the message offers one. */
  public Optional<String> example() {
    return Optional.ofNullable(example);
  }

  /** Returns the same complaint about the same value, attributed to another field. */
  public InvalidValueException withField(String otherField) {
    return new InvalidValueException(otherField, value, problem, example);
  }

  /**
   * Returns the same complaint with {@code otherExample} in place of this one's example; a
   * complaint without an example stays without one, since an example would not help there.
   */
  public InvalidValueException withExample(String otherExample) {
    return new InvalidValueException(field, value, problem, example == null ? null : otherExample);
  }
}
