package io.github.ocservnat.nft.model;

import java.util.stream.Collectors;

/**
 * Renders the model as nft script text, laid out as {@code nft list} prints it: tabs for
 * indentation, one rule a line, a blank line between chains. The same model always renders to the
 * same text.
 */
public final class NftText {
  private NftText() {}

  /** Returns {@code table family name { ... }} with all chains and rules. */
  public static String table(Table table) {
    StringBuilder out = new StringBuilder();
    writeTable(out, table);
    return out.toString();
  }

  /** Returns {@code chain name { ... }} at the outermost indentation. */
  public static String chain(Chain chain) {
    StringBuilder out = new StringBuilder();
    writeChain(out, chain, "");
    return out.toString();
  }

  /** Returns the rule's statements on one line, such as {@code iifname "eth0" accept}. */
  public static String rule(Rule rule) {
    return rule.statements().stream().map(NftText::statement).collect(Collectors.joining(" "));
  }

  /** Returns the script that applies {@code transaction}, ready for {@code nft -f}. */
  public static String transaction(Transaction transaction) {
    StringBuilder out = new StringBuilder();
    for (Transaction.Operation operation : transaction.operations()) {
      if (operation instanceof Transaction.Add add) {
        if (add.table().chains().isEmpty()) {
          out.append("add table ").append(tableId(add.table())).append('\n');
        } else {
          writeTable(out, add.table());
        }
      } else if (operation instanceof Transaction.Delete delete) {
        out.append("delete table ")
            .append(delete.family().keyword())
            .append(' ')
            .append(delete.name())
            .append('\n');
      }
    }
    return out.toString();
  }

  /** Returns a value as nft writes it on the right of a match; names are quoted. */
  static String value(Value value) {
    if (value instanceof InterfaceName name) {
      return '"' + name.keyword() + '"';
    } else if (value instanceof IpPrefix prefix) {
      return prefix.keyword();
    } else if (value instanceof CtStates states) {
      return states.keyword();
    }
    throw new AssertionError(value);
  }

  private static void writeTable(StringBuilder out, Table table) {
    out.append("table ").append(tableId(table)).append(" {\n");
    String separator = "";
    for (Chain chain : table.chains()) {
      out.append(separator);
      writeChain(out, chain, "\t");
      separator = "\n";
    }
    out.append("}\n");
  }

  private static void writeChain(StringBuilder out, Chain chain, String indent) {
    out.append(indent).append("chain ").append(chain.name()).append(" {\n");
    chain
        .base()
        .ifPresent(
            base ->
                out.append(indent)
                    .append("\ttype ")
                    .append(base.type().keyword())
                    .append(" hook ")
                    .append(base.hook().keyword())
                    .append(" priority ")
                    .append(base.priority().keyword())
                    .append("; policy ")
                    .append(base.policy().keyword())
                    .append(";\n"));
    for (Rule rule : chain.rules()) {
      out.append(indent).append('\t').append(rule(rule)).append('\n');
    }
    out.append(indent).append("}\n");
  }

  private static String statement(Statement statement) {
    if (statement instanceof Match match) {
      return match.left().keyword() + " " + value(match.right());
    } else if (statement instanceof Verdict verdict) {
      return verdict.keyword();
    } else if (statement instanceof Masquerade) {
      return "masquerade";
    }
    throw new AssertionError(statement);
  }

  private static String tableId(Table table) {
    return table.family().keyword() + " " + table.name();
  }
}
