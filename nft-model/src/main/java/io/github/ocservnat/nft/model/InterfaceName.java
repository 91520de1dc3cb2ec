package io.github.ocservnat.nft.model;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A network interface name as {@code iifname} and {@code oifname} match it: an exact name such as
 * {@code eth0}, or a prefix wildcard such as {@code vpns*} that matches every interface whose name
 * starts with {@code vpns}.
 *
 * <p>Names follow the kernel's rules: 1 to 15 bytes, not {@code .} or {@code ..}, no {@code /},
 * {@code :} or white space. Quotes, backslashes, {@code *} (other than the trailing wildcard) and
 * characters outside printable ASCII are refused as well, so that a name always reaches nft as a
 * plain quoted string.
 */
public final class InterfaceName implements Value {
  /** The kernel's IFNAMSIZ is 16 bytes, including the terminating NUL. */
  public static final int MAX_LENGTH = 15;

  /** nft keeps a wildcard with its {@code *} in the same 16 bytes, so the prefix gets 14. */
  public static final int MAX_PREFIX_LENGTH = MAX_LENGTH - 1;

  private static final String FIELD = "interface name";

  private final String name;
  private final boolean wildcard;

  private InterfaceName(String name, boolean wildcard) {
    this.name = name;
    this.wildcard = wildcard;
  }

  /**
   * Parses nft's notation: a trailing {@code *} makes the name a prefix wildcard.
   *
   * @throws InvalidValueException if the name breaks the rules above
   */
  public static InterfaceName parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.endsWith("*")) {
      return wildcard(text, text.substring(0, text.length() - 1));
    }
    return new InterfaceName(check(text, text), false);
  }

  /** Returns the exact name {@code name}; a {@code *} in it is refused. */
  public static InterfaceName exact(String name) {
    Objects.requireNonNull(name, "name");
    if (name.endsWith("*")) {
      throw new InvalidValueException(
          FIELD, name, "is a wildcard; an exact name has no '*' (use parse or prefix)", "eth0");
    }
    return new InterfaceName(check(name, name), false);
  }

  /** Returns the wildcard that matches every interface whose name starts with {@code prefix}. */
  public static InterfaceName prefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.endsWith("*")) {
      throw new InvalidValueException(
          FIELD + " prefix", prefix, "ends with '*'; give the prefix without it", "vpns");
    }
    return wildcard(prefix + "*", prefix);
  }

  private static InterfaceName wildcard(String text, String prefix) {
    if (prefix.isEmpty()) {
      throw new InvalidValueException(FIELD, text, "is a wildcard without a prefix", "vpns*");
    }
    // The prefix's own limit first: one byte under the kernel's, for the '*'.
    int bytes = prefix.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PREFIX_LENGTH) {
      throw new InvalidValueException(
          FIELD,
          text,
          "is a wildcard with a "
              + bytes
              + "-byte prefix; with the '*' nft allows at most "
              + MAX_PREFIX_LENGTH);
    }
    check(text, prefix);
    return new InterfaceName(prefix, true);
  }

  private static String check(String text, String name) {
    if (name.isEmpty()) {
      throw new InvalidValueException(FIELD, text, "is empty", "eth0");
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_LENGTH) {
      throw new InvalidValueException(
          FIELD, text, "is " + bytes + " bytes long; the kernel allows at most " + MAX_LENGTH);
    }
    if (name.equals(".") || name.equals("..")) {
      throw new InvalidValueException(FIELD, text, "is reserved by the kernel", "eth0");
    }
    if (name.startsWith("@")) {
      throw new InvalidValueException(
          FIELD, text, "starts with '@', which libnftables JSON reads as a set reference", "eth0");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '*') {
        throw new InvalidValueException(
            FIELD, text, "has a '*' that is not at the end; a wildcard is a trailing '*'", "vpns*");
      }
      if (c <= ' ' || c > '~' || c == '/' || c == ':' || c == '"' || c == '\\') {
        throw new InvalidValueException(
            FIELD,
            text,
            "contains "
                + describe(c)
                + "; interface names are printable ASCII without spaces, '/', ':', quotes"
                + " or backslashes",
            "eth0");
      }
    }
    return name;
  }

  private static String describe(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (c < ' ' || c == 0x7f) {
      return String.format("the control character U+%04X", (int) c);
    }
    if (c > '~') {
      return String.format("the non-ASCII character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  @Override
  public Datatype datatype() {
    return Datatype.IFNAME;
  }

  /** Returns the name without the wildcard: {@code vpns} for {@code vpns*}. */
  public String name() {
    return name;
  }

  /** Returns whether this matches every interface whose name starts with {@link #name()}. */
  public boolean isWildcard() {
    return wildcard;
  }

  /** Returns whether some interface name matches both this and {@code other}. */
  public boolean overlaps(InterfaceName other) {
    if (wildcard && other.wildcard) {
      return name.startsWith(other.name) || other.name.startsWith(name);
    } else if (wildcard) {
      return other.name.startsWith(name);
    } else if (other.wildcard) {
      return name.startsWith(other.name);
    }
    return name.equals(other.name);
  }

  /** Returns the name as nft writes it, without quotes: {@code eth0} or {@code vpns*}. */
  public String keyword() {
    return wildcard ? name + "*" : name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InterfaceName that
        && name.equals(that.name)
        && wildcard == that.wildcard;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, wildcard);
  }

  @Override
  public String toString() {
    return keyword();
  }
}
