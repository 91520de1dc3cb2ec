package io.github.ocservnat.nft.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Looks up the constant of a keyword enum by the word nft uses. */
final class Keywords {
  private Keywords() {}

  /**
   * Returns the constant of {@code type} whose keyword is {@code keyword}.
   *
   * @throws InvalidValueException naming {@code field} and the known words if there is none
   */
  static <E extends Enum<E> & Keyword> E lookUp(Class<E> type, String field, String keyword) {
    for (E constant : type.getEnumConstants()) {
      if (constant.keyword().equals(keyword)) {
        return constant;
      }
    }
    throw new InvalidValueException(
        field,
        keyword,
        "is not one of "
            + Arrays.stream(type.getEnumConstants())
                .map(Keyword::keyword)
                .collect(Collectors.joining(", ")));
  }
}
