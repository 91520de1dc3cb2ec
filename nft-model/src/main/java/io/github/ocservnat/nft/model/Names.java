package io.github.ocservnat.nft.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks for the names of tables and chains. */
final class Names {
  /** nft's scanner: a letter, underscore or dot, then letters, digits, '/', '-', '_', '.'. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_.][A-Za-z0-9/_.-]*");

  /** The kernel's NFT_NAME_MAXLEN is 256 bytes, including the terminating NUL. */
  private static final int MAX_LENGTH = 255;

  /** nft's keywords, which its scanner never reads as a name; see the resource's header. */
  private static final Set<String> KEYWORDS = keywords();

  private Names() {}

  private static Set<String> keywords() {
    try (InputStream in = Names.class.getResourceAsStream("nft-keywords.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("nft-model is missing its resource nft-keywords.txt", e);
    }
  }

  /**
   * Returns {@code name} if nft can parse it as a table or chain name without quoting.
   *
   * @throws InvalidValueException naming {@code field} if it cannot
   */
  static String checkIdentifier(String field, String name) {
    if (name.isEmpty()) {
      throw new InvalidValueException(field, name, "is empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw new InvalidValueException(
          field, name, "is longer than the 255 characters the kernel allows");
    }
    if (KEYWORDS.contains(name)) {
      throw new InvalidValueException(
          field, name, "is an nft keyword, which nft cannot read as a name", "ocserv");
    }
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new InvalidValueException(
          field,
          name,
          "is not a valid name; start with a letter, '_' or '.', then letters, digits,"
              + " '/', '-', '_' or '.'",
          "ocserv");
    }
    return name;
  }
}
