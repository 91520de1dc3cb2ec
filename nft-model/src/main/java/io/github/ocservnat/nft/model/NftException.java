package io.github.ocservnat.nft.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nftables refused or could not run a command. The message says what happened in one line, with the
 * line and column of the script nft pointed at; {@link #nftError()} keeps nft's own text,
 * unchanged, and {@link #problems()} has each error nft reported, parsed.
 */
public final class NftException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this was, for callers that react differently to each. */
  public enum Kind {
    /** libnftables or the nft executable is not installed, or cannot be used here. */
    UNAVAILABLE,
    /** The script does not parse, or nft refused it before asking the kernel. */
    SYNTAX,
    /** An object the command needs does not exist (ENOENT). */
    NOT_FOUND,
    /** An object the command creates exists already (EEXIST). */
    ALREADY_EXISTS,
    /** The process lacks CAP_NET_ADMIN in its network namespace (EPERM). */
    PERMISSION_DENIED,
    /**
     * The kernel lacks nf_tables or a module the command needs (EOPNOTSUPP, EAFNOSUPPORT, or ENOENT
     * for a statement of a rule).
     */
    NOT_SUPPORTED,
    /** Any other failure. */
    OTHER
  }

  /**
   * Where in a script nft found a problem.
   *
   * @param line the line, from 1
   * @param column the first column nft pointed at, from 1
   * @param lastColumn the last column nft pointed at
   * @param sourceLine the script's line, as nft printed it under its message
   */
  public record Location(int line, int column, int lastColumn, String sourceLine) {}

  /**
   * One error nft reported.
   *
   * @param message nft's message without its location and {@code Error:} prefix, such as {@code
   *     Could not process rule: No such file or directory}
   * @param location where in the script it was, if nft said
   */
  public record Problem(String message, Optional<Location> location) {
    /** Returns the text of the script nft pointed at, or empty. */
    public String pointedAt() {
      return location
          .filter(l -> l.column() >= 1 && l.column() <= l.sourceLine().length())
          .map(
              l ->
                  l.sourceLine()
                      .substring(
                          l.column() - 1,
                          Math.max(l.column(), Math.min(l.lastColumn(), l.sourceLine().length()))))
          .orElse("");
    }
  }

  // nft prints "file:line:first-last: Error: message", or only "Error: message"; some messages
  // carry a subsystem prefix, such as "netlink: Error: ...".
  private static final Pattern ERROR_LINE =
      Pattern.compile(
          "^(?:(?<file>.*?):(?<line>\\d+):(?<first>\\d+)-(?:\\d+:)?(?<last>\\d+): )?"
              + "(?:[a-z]+: )?Error: (?<message>.*)$");

  private static final Pattern RULE_PREFIX =
      Pattern.compile(
          "^\\s*(?:add|insert|replace|create) rule (?:(?:ip|ip6|inet|arp|bridge|netdev) )?\\S+ \\S+"
              + "(?: (?:handle|position|index) \\d+)?");

  // The first words of the lines of a script that are not rules.
  /** nft reports line 0 for JSON input, which has no lines to point at. */
  private static final Pattern JSON_INPUT = Pattern.compile("(?m)^\\S*:0:0-0: ");

  private static final Set<String> BLOCK_STRUCTURE =
      Set.of(
          "table",
          "chain",
          "set",
          "map",
          "flowtable",
          "add",
          "delete",
          "destroy",
          "insert",
          "replace",
          "create",
          "flush",
          "list",
          "reset",
          "rename",
          "define",
          "include",
          "type",
          "policy",
          "elements",
          "flags",
          "comment");

  // Where a statement's module is not the statement's own name with nft_ before it; the
  // expressions that nf_tables itself holds since Linux 4.17 or so have no module to load.
  private static final Map<String, String> MODULES =
      Map.of(
          "masquerade", "nft_masq, nft_chain_nat and nf_nat",
          "snat", "nft_nat, nft_chain_nat and nf_nat",
          "dnat", "nft_nat, nft_chain_nat and nf_nat",
          "redirect", "nft_redir, nft_chain_nat and nf_nat",
          "reject", "nft_reject_inet",
          "tcp", "nf_tables (whose exthdr expression sets TCP options)",
          "mark", "nf_tables (meta)",
          "meta", "nf_tables (meta)",
          "rt", "nf_tables (rt)",
          "ct", "nft_ct");

  /** How much of a script's line a message quotes; nftError() keeps it all. */
  private static final int MAX_QUOTED = 200;

  private final Kind kind;
  private final String nftError;
  private final List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param kind what kind of failure it was
   * @param message what happened, in one line
   * @param nftError nft's own text, or empty if nft was never reached
   * @param cause the underlying failure, or null
   */
  public NftException(Kind kind, String message, String nftError, Throwable cause) {
    this(kind, message, nftError, List.of(), cause);
  }

  private NftException(
      Kind kind, String message, String nftError, List<Problem> problems, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.nftError = nftError;
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns the failure nft reported with {@code nftError}, classified by its text; for backends
   * that receive nft's messages as text, as all of them do, and for tests.
   */
  public static NftException fromNftError(String nftError) {
    return fromNftError(nftError, "");
  }

  /**
   * Returns the failure nft reported with {@code nftError}, as {@link #fromNftError(String)} does,
   * where nft also printed {@code alsoPrinted} before it, such as debugging traces that look like
   * errors but are not; the exception's {@link #nftError()} has both.
   */
  public static NftException fromNftError(String nftError, String alsoPrinted) {
    List<Problem> problems = parse(nftError);
    Kind kind = classify(nftError);
    boolean missingModule =
        kind == Kind.NOT_FOUND && !problems.isEmpty() && isStatement(problems.get(0));
    if (missingModule) {
      kind = Kind.NOT_SUPPORTED;
    }
    return new NftException(
        kind,
        summary(kind, missingModule, nftError, problems),
        alsoPrinted + nftError,
        problems,
        null);
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

  private static List<Problem> parse(String nftError) {
    List<String> lines = nftError.lines().toList();
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = ERROR_LINE.matcher(lines.get(i).strip());
      if (!m.matches()) {
        continue;
      }
      Optional<Location> location = Optional.empty();
      // JSON input has no lines: nft says line 0.
      if (m.group("line") != null && !m.group("line").equals("0") && i + 1 < lines.size()) {
        location =
            Optional.of(
                new Location(
                    Integer.parseInt(m.group("line")),
                    Integer.parseInt(m.group("first")),
                    Integer.parseInt(m.group("last")),
                    lines.get(i + 1)));
      }
      problems.add(new Problem(m.group("message").strip(), location));
    }
    return problems;
  }

  /**
   * The kernel answers ENOENT both for a missing table or chain and for an expression it has no
   * module for; nft points at the chain's name for the first and at the statement for the second.
   */
  private static boolean isStatement(Problem problem) {
    if (problem.location().isEmpty()) {
      return false;
    }
    Location location = problem.location().get();
    String line = location.sourceLine();
    String before = line.substring(0, Math.min(line.length(), location.column() - 1)).strip();
    if (before.endsWith("jump") || before.endsWith("goto")) {
      return false; // The chain jumped to is missing.
    }
    Matcher prefix = RULE_PREFIX.matcher(line);
    if (prefix.lookingAt()) {
      return location.column() > prefix.end();
    }
    return isRuleInBlock(line.strip());
  }

  /** Returns whether {@code problem} points at a rule, or at a part of one. */
  private static boolean isRule(Problem problem) {
    if (problem.location().isEmpty()) {
      return false;
    }
    String line = problem.location().get().sourceLine();
    return RULE_PREFIX.matcher(line).lookingAt() || isRuleInBlock(line.strip());
  }

  /**
   * Returns whether {@code line} is a rule inside a {@code table ... { chain ... { } }} block: no
   * structure around it, which a transaction that creates its table and chains cannot miss.
   */
  private static boolean isRuleInBlock(String line) {
    if (line.isEmpty() || line.endsWith("{") || line.endsWith("}") || line.endsWith(";")) {
      return false;
    }
    String word = line.split("\\s+", 2)[0];
    return !BLOCK_STRUCTURE.contains(word);
  }

  /**
   * Summarises nft's text. The kernel refuses a statement it has no module for with ENOENT, and one
   * that does not fit its chain's type or hook with EOPNOTSUPP: only the first wants a module.
   */
  private static String summary(
      Kind kind, boolean missingModule, String nftError, List<Problem> problems) {
    if (problems.isEmpty()) {
      String text = nftError.strip();
      return text.isEmpty() ? "nft failed without a message" : text.lines().findFirst().get();
    }

    Problem first = problems.get(0);
    String message = first.message();
    if (kind == Kind.NOT_SUPPORTED) {
      // nft guesses at a misspelt chain name for every ENOENT; for a statement it misleads.
      message = message.replaceFirst("; did you mean .*$", "");
    }
    StringBuilder summary = new StringBuilder(message);
    first
        .location()
        .ifPresent(
            l ->
                summary
                    .append(" at line ")
                    .append(l.line())
                    .append(", column ")
                    .append(l.column())
                    .append(": ")
                    .append(abbreviated(l.sourceLine().strip())));
    if (kind == Kind.NOT_SUPPORTED && !missingModule && isRule(first)) {
      summary.append(
          " (the kernel does not allow this rule in its chain: a statement of it needs another"
              + " chain type or hook)");
    }
    if (kind != Kind.SYNTAX && first.location().isEmpty() && JSON_INPUT.matcher(nftError).find()) {
      summary.append(" (the input was JSON, for which nft names no command)");
    }
    if (missingModule) {
      String statement = first.pointedAt().strip();
      if (statement.isEmpty()) {
        summary.append(" (the kernel has no support for a statement of this rule)");
      } else {
        String word = statement.split("\\s+")[0];
        summary
            .append(" (the kernel has no support for '")
            .append(statement)
            .append("'; load ")
            .append(MODULES.getOrDefault(word, "nft_" + word))
            .append(" on the host)");
      }
    }
    if (kind == Kind.PERMISSION_DENIED) {
      summary.append(" (the process lacks CAP_NET_ADMIN in its network namespace)");
    }
    if (problems.size() > 1) {
      summary.append(" (and ").append(problems.size() - 1).append(" more)");
    }
    return summary.toString();
  }

  private static String abbreviated(String line) {
    return line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED - 3) + "...";
  }

  /** Returns what kind of failure this was. */
  public Kind kind() {
    return kind;
  }

  /** Returns nft's own error text, unchanged; empty if nft was never reached. */
  public String nftError() {
    return nftError;
  }

  /** Returns each error nft reported, in its order; empty if nft was never reached. */
  public List<Problem> problems() {
    return problems;
  }

  /** Returns where in the script the first error was, if nft said. */
  public Optional<Location> location() {
    return problems.isEmpty() ? Optional.empty() : problems.get(0).location();
  }
}
