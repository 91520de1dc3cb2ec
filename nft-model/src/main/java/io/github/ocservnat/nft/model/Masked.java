package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * Flags of an expression with only some of them kept, as in {@code tcp flags syn / syn,rst}: the
 * match compares {@code expression & mask} with its value.
 *
 * @param expression a flags expression, such as {@code tcp flags}
 * @param mask the flags to keep
 */
public record Masked(Expression expression, FlagSet<?> mask) implements Expression {
  /**
   * Checks that the mask suits the expression.
   *
   * @throws InvalidValueException if it does not
   */
  public Masked {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(mask, "mask");
    if (expression instanceof Masked || mask.datatype() != expression.datatype()) {
      throw new InvalidValueException(
          expression.keyword() + " mask",
          mask.keyword(),
          "does not fit; a mask holds flags of the expression's own kind");
    }
  }

  @Override
  public String keyword() {
    return expression.keyword();
  }

  @Override
  public Datatype datatype() {
    return expression.datatype();
  }
}
