package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

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
    checkProtocols();
    checkDependencies();
    Set<Statement> seen = new HashSet<>();
    for (Statement statement : statements) {
      if (statement instanceof Match && !seen.add(statement)) {
        throw new InvalidValueException(
            "rule",
            NftText.statements(statements),
            "has " + NftText.statement(statement) + " twice; once is enough");
      }
    }
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      if (statement.isTerminal() && i < statements.size() - 1) {
        throw new InvalidValueException(
            "rule",
            NftText.statements(statements),
            "has "
                + NftText.statements(statements.subList(i + 1, statements.size()))
                + " after "
                + NftText.statement(statement)
                + ", which ends the rule, so it would never run");
      }
      if (needsTransportMatch(statement)
          && !matchesTransport(statement, statements.subList(0, i))) {
        throw new InvalidValueException(
            "rule",
            NftText.statements(statements),
            statement instanceof Reject
                ? "rejects with tcp reset but matches no TCP before it (example: meta l4proto"
                    + " tcp reject with tcp reset)"
                : "maps ports but matches no TCP or UDP before it (example: meta l4proto tcp "
                    + NftText.statement(statement)
                    + ")");
      }
    }
  }

  /**
   * A rule that needs a packet to be IPv4 and IPv6 at once, or TCP and UDP at once, can never
   * match; nft refuses it as "conflicting protocols".
   */
  private void checkProtocols() {
    Set<String> network = new TreeSet<>();
    Set<String> transport = new TreeSet<>();
    protocols(network, transport);
    for (Set<String> protocols : List.of(network, transport)) {
      if (protocols.size() > 1) {
        throw new InvalidValueException(
            "rule",
            NftText.statements(statements),
            "matches protocols that conflict ("
                + String.join(" and ", protocols)
                + "); nft refuses it: match one protocol, or split the rule");
      }
    }
  }

  /** Returns the network protocols the rule needs a packet to have: ipv4, ipv6 or none. */
  Set<String> networkProtocols() {
    Set<String> network = new TreeSet<>();
    protocols(network, new TreeSet<>());
    return network;
  }

  private void protocols(Set<String> network, Set<String> transport) {
    for (Statement statement : statements) {
      if (statement instanceof Match match) {
        // Reading a header needs the packet to have it, whatever the comparison; only an
        // equal match on the protocol itself says which protocol the packet has.
        Expression left = match.left() instanceof Masked m ? m.expression() : match.left();
        boolean equal = match.op() == Match.Operator.EQ;
        if (left instanceof Payload payload) {
          String protocol = payload.field().protocol();
          (protocol.startsWith("ip") ? network : transport)
              .add(protocol.equals("ip") ? "ipv4" : protocol.equals("ip6") ? "ipv6" : protocol);
        } else if (equal
            && left instanceof Meta meta
            && meta.key() == Meta.Key.NFPROTO
            && match.right() instanceof NfProto p) {
          network.add(p.keyword());
        } else if (equal && left instanceof Meta meta && meta.key() == Meta.Key.L4PROTO) {
          transport.add(NftText.value(match.right()));
        }
      } else if (statement instanceof Nat nat) {
        network.add(nat.address().isIpv4() ? "ipv4" : "ipv6");
      } else if (statement instanceof Reject reject && reject.type() == Reject.Type.TCP_RESET) {
        transport.add("tcp");
      } else if (statement instanceof Reject reject && reject.type() == Reject.Type.ICMP) {
        network.add("ipv4");
      } else if (statement instanceof Reject reject && reject.type() == Reject.Type.ICMPV6) {
        network.add("ipv6");
      }
    }
  }

  /**
   * nft drops a protocol match ({@code meta l4proto tcp}, {@code ip protocol tcp}, {@code meta
   * nfproto ipv4}) that stands before a header match of that protocol with only matches in between,
   * since the header match implies it; such a rule would read back without it.
   */
  private void checkDependencies() {
    boolean rejectsWithProtocol =
        statements.stream()
            .anyMatch(s -> s instanceof Reject reject && reject.type() != Reject.Type.ICMPX);
    for (Statement statement : statements) {
      if (rejectsWithProtocol
          && statement instanceof Match match
          && match.op() == Match.Operator.EQ
          && match.left() instanceof Meta meta
          && meta.key() == Meta.Key.NFPROTO) {
        throw new InvalidValueException(
            "rule",
            NftText.statements(statements),
            "has "
                + NftText.statement(statement)
                + ", which nft drops from a rule that rejects with tcp reset, icmp or icmpv6;"
                + " leave it out");
      }
    }
    boolean tcpReset =
        statements.stream()
            .anyMatch(s -> s instanceof Reject reject && reject.type() == Reject.Type.TCP_RESET);
    boolean tcpHeader =
        statements.stream()
            .anyMatch(
                s ->
                    s instanceof Match m
                        && (m.left() instanceof Masked masked ? masked.expression() : m.left())
                            instanceof Payload p
                        && p.field().protocol().equals("tcp"));
    for (Statement statement : statements) {
      if (tcpReset && tcpHeader && "tcp".equals(dependencyOf(statement))) {
        throw new InvalidValueException(
            "rule",
            NftText.statements(statements),
            "has "
                + NftText.statement(statement)
                + ", which its tcp header match implies; nft drops it from a rule that rejects"
                + " with tcp reset, so leave it out");
      }
    }
    for (int i = 0; i < statements.size(); i++) {
      String implied = dependencyOf(statements.get(i));
      if (implied == null) {
        continue;
      }
      for (int j = i + 1; j < statements.size() && statements.get(j) instanceof Match later; j++) {
        Expression left = later.left() instanceof Masked m ? m.expression() : later.left();
        if (left instanceof Payload payload && payload.field().protocol().equals(implied)) {
          throw new InvalidValueException(
              "rule",
              NftText.statements(statements),
              "has "
                  + NftText.statement(statements.get(i))
                  + ", which "
                  + NftText.statement(later)
                  + " after it implies; nft drops such a match, so leave it out");
        }
      }
    }
  }

  /** Returns the protocol whose headers {@code statement} makes sure of, or null. */
  private static String dependencyOf(Statement statement) {
    if (!(statement instanceof Match match) || match.op() != Match.Operator.EQ) {
      return null;
    }
    boolean l4 =
        (match.left() instanceof Meta meta && meta.key() == Meta.Key.L4PROTO)
            || (match.left() instanceof Payload payload
                && payload.field() == Payload.Field.IP_PROTOCOL);
    if (l4 && match.right() instanceof L4Proto protocol) {
      return protocol.keyword();
    }
    if (match.left() instanceof Meta meta
        && meta.key() == Meta.Key.NFPROTO
        && match.right() instanceof NfProto protocol) {
      return protocol == NfProto.IPV4 ? "ip" : "ip6";
    }
    return null;
  }

  private static boolean needsTransportMatch(Statement statement) {
    return (statement instanceof Reject reject && reject.type() == Reject.Type.TCP_RESET)
        || (statement instanceof Masquerade masquerade && masquerade.ports().isPresent())
        || (statement instanceof Nat nat && nat.port().isPresent());
  }

  private static boolean matchesTransport(Statement needing, List<Statement> before) {
    boolean tcpOnly = needing instanceof Reject;
    for (Statement statement : before) {
      if (statement instanceof Match match
          && (match.restrictsTo(L4Proto.TCP) || (!tcpOnly && match.restrictsTo(L4Proto.UDP)))) {
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
    return NftText.describe(this);
  }
}
