package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A rule: statements run left to right on each packet that reaches the rule's chain.
 *
 * @param statements at least one; a terminal statement such as {@code accept} only last
 */
public record Rule(List<Statement> statements) {
  /**
   * Copies the statements and checks their order.
   *
   * @throws InvalidValueException if there are none, or a terminal statement is not the last
   */
  public Rule {
    statements = ImmutableList.copyOf(statements);
    if (statements.isEmpty()) {
      throw new InvalidValueException("rule", "", "has no statements");
    }
    for (int i = 0; i < statements.size() - 1; i++) {
      if (statements.get(i).isTerminal()) {
        throw new InvalidValueException(
            "rule",
            NftText.rule(new Rule(statements.subList(0, i + 1))) + " ...",
            "continues after a terminal statement; the statements after it would never run");
      }
    }
  }

  /** Returns the rule made of {@code statements}, in order. */
  public static Rule of(Statement... statements) {
    return new Rule(List.of(statements));
  }

  /** Returns whether some statement of this rule is a {@link Masquerade}. */
  boolean masquerades() {
    return statements.stream().anyMatch(Masquerade.class::isInstance);
  }

  @Override
  public String toString() {
    return NftText.rule(this);
  }
}
