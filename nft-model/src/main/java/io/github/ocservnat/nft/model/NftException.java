package io.github.ocservnat.nft.model;

import java.util.Locale;

/**
 * nftables refused or could not run a command. The message says what happened in one line; {@link
 * #nftError()} keeps nft's own text, which for a script error points at the offending line.
 */
public final class NftException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this was, for callers that react differently to each. */
  public enum Kind {
    /** libnftables is not installed or could not be loaded. */
    UNAVAILABLE,
    /** The script does not parse. */
    SYNTAX,
    /** An object the command needs does not exist (ENOENT). */
    NOT_FOUND,
    /** An object the command creates exists already (EEXIST). */
    ALREADY_EXISTS,
    /** The process lacks CAP_NET_ADMIN in its network namespace (EPERM). */
    PERMISSION_DENIED,
    /** The kernel lacks nf_tables or a module the command needs (EOPNOTSUPP, EAFNOSUPPORT). */
    NOT_SUPPORTED,
    /** Any other failure. */
    OTHER
  }

  private final Kind kind;
  private final String nftError;

  /**
   * Creates the exception.
   *
   * @param kind what kind of failure it was
   * @param message what happened, in one line
   * @param nftError nft's own text, or empty if nft was never reached
   * @param cause the underlying failure, or null
   */
  public NftException(Kind kind, String message, String nftError, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.nftError = nftError;
  }

  /**
   * Returns the failure nft reported with {@code nftError}, classified by its text; for backends
   * that receive nft's messages as text, such as the nft executable, and for tests.
   */
  public static NftException fromNftError(String nftError) {
    String text = nftError.strip();
    String firstLine =
        text.isEmpty() ? "nft failed without a message" : text.lines().findFirst().get();
    return new NftException(classify(text), firstLine, nftError, null);
  }

  /** Returns the kind of failure nft's text {@code nftError} describes. */
  public static Kind classify(String nftError) {
    String text = nftError.toLowerCase(Locale.ROOT);
    if (text.contains("syntax error")) {
      return Kind.SYNTAX;
    } else if (text.contains("operation not permitted") || text.contains("permission denied")) {
      return Kind.PERMISSION_DENIED;
    } else if (text.contains("operation not supported")
        || text.contains("address family not supported")
        || text.contains("protocol not supported")) {
      return Kind.NOT_SUPPORTED;
    } else if (text.contains("no such file or directory")) {
      return Kind.NOT_FOUND;
    } else if (text.contains("file exists")) {
      return Kind.ALREADY_EXISTS;
    }
    return Kind.OTHER;
  }

  /** Returns what kind of failure this was. */
  public Kind kind() {
    return kind;
  }

  /** Returns nft's own error text, unchanged; empty if nft was never reached. */
  public String nftError() {
    return nftError;
  }
}
