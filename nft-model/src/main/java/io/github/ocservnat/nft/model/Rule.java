package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A rule: statements run left to right on each packet that reaches the rule's chain, with an
 * optional comment.
 *
 * <p>A rule read from the kernel also carries its handle, the number that identifies it for {@code
 * insert}, {@code replace} and {@code delete}. The handle is not part of equality: the same
 * statements are the same rule wherever they live.
 */
public final class Rule {
  private final ImmutableList<Statement> statements;
  private final String comment;
  private final long handle;

  private Rule(List<Statement> statements, String comment, long handle) {
    this.statements = ImmutableList.copyOf(statements);
    this.comment = comment;
    this.handle = handle;
  }

  /**
   * Returns the rule made of {@code statements}, in order.
   *
   * @throws InvalidValueException if there are none, a terminal statement is not last, or a
   *     statement needs a protocol match the rule lacks
   */
  public static Rule of(Statement... statements) {
    return of(List.of(statements));
  }

  /**
   * Returns the rule made of {@code statements}, in order.
   *
   * @throws InvalidValueException as {@link #of(Statement...)} does
   */
  public static Rule of(List<Statement> statements) {
    Rule rule = new Rule(statements, null, 0);
    rule.check();
    return rule;
  }

  private void check() {
    if (statements.isEmpty()) {
      throw new InvalidValueException("rule", "", "has no statements");
    }
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      if (statement.isTerminal() && i < statements.size() - 1) {
        throw new InvalidValueException(
            "rule",
            NftText.statements(statements.subList(0, i + 1)) + " ...",
            "continues after a terminal statement; the statements after it would never run");
      }
      if (needsTransportMatch(statement) && !matchesTransport(statements.subList(0, i))) {
        throw new InvalidValueException(
            "rule",
            NftText.statements(statements),
            "has "
                + NftText.statement(statement)
                + " without a TCP or UDP match before it (example: meta l4proto tcp)");
      }
    }
  }

  private static boolean needsTransportMatch(Statement statement) {
    return (statement instanceof Reject reject && reject.type() == Reject.Type.TCP_RESET)
        || (statement instanceof Masquerade masquerade && masquerade.ports().isPresent())
        || (statement instanceof Nat nat && nat.port().isPresent());
  }

  private static boolean matchesTransport(List<Statement> before) {
    for (Statement statement : before) {
      if (statement instanceof Match match
          && (match.restrictsTo(L4Proto.TCP) || match.restrictsTo(L4Proto.UDP))) {
        return true;
      }
    }
    return false;
  }

  /** Returns the statements, in order. */
  public List<Statement> statements() {
    return statements;
  }

  /** Returns the rule's comment, if it has one. */
  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  /** Returns the handle the kernel gave the rule, for rules read from a listing. */
  public OptionalLong handle() {
    return handle == 0 ? OptionalLong.empty() : OptionalLong.of(handle);
  }

  /**
   * Returns this rule with {@code comment}: at most 128 bytes of printable ASCII, without quotes or
   * backslashes.
   *
   * @throws InvalidValueException if nft cannot take the comment
   */
  public Rule withComment(String newComment) {
    return new Rule(statements, Strings.checkQuotable("rule comment", newComment, 128), handle);
  }

  /**
   * Returns this rule with the kernel's {@code handle}, to refer to it in an operation.
   *
   * @throws InvalidValueException if the handle is not positive
   */
  public Rule withHandle(long newHandle) {
    if (newHandle <= 0) {
      throw new InvalidValueException(
          "rule handle", Long.toString(newHandle), "is not positive; handles start at 1");
    }
    return new Rule(statements, comment, newHandle);
  }

  /** Returns this rule without a handle. */
  public Rule withoutHandle() {
    return new Rule(statements, comment, 0);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Rule that
        && statements.equals(that.statements)
        && Objects.equals(comment, that.comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statements, comment);
  }

  @Override
  public String toString() {
    return NftText.rule(this);
  }
}
