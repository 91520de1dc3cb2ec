package io.github.ocservnat.nft.model;

import java.nio.charset.StandardCharsets;

/** Checks for the free texts nft takes in double quotes: comments and log prefixes. */
final class Strings {
  private Strings() {}

  /**
   * Returns {@code text} if nft can take it between double quotes: no {@code "}, no control
   * characters, and at most {@code maxBytes} bytes of UTF-8.
   *
   * @throws InvalidValueException naming {@code field} otherwise
   */
  static String checkQuotable(String field, String text, int maxBytes) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw new InvalidValueException(
          field, text, "is " + bytes + " bytes long; nft allows at most " + maxBytes);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ' ' || c == 0x7f || c == '"') {
        throw new InvalidValueException(
            field,
            text,
            String.format(
                "contains U+%04X; nft takes no double quotes or control characters here", (int) c));
      }
    }
    return text;
  }
}
