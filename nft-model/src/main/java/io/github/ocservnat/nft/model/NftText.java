package io.github.ocservnat.nft.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the model as nft script text, laid out as {@code nft list} prints it: tabs for
 * indentation, one rule a line, a blank line between the objects of a table. The same model always
 * renders to the same text.
 *
 * <p>Statements read from a listing that the model does not know ({@link RawStatement}) have no
 * text form; render such tables with {@link NftJson}.
 */
public final class NftText {
  private NftText() {}

  /** Returns {@code table family name { ... }} with everything in it. */
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

  /** Returns {@code set name { ... }} at the outermost indentation. */
  public static String set(NamedSet set) {
    StringBuilder out = new StringBuilder();
    writeSet(out, set, "");
    return out.toString();
  }

  /** Returns {@code map name { ... }} at the outermost indentation. */
  public static String map(NamedMap map) {
    StringBuilder out = new StringBuilder();
    writeMap(out, map, "");
    return out.toString();
  }

  /**
   * Returns the rule on one line, such as {@code iifname "eth0" accept comment "uplink"}.
   *
   * @throws IllegalArgumentException if the rule has a statement the model does not know
   */
  public static String rule(Rule rule) {
    String statements = statements(rule.statements());
    return rule.comment().map(c -> statements + " comment " + quote(c)).orElse(statements);
  }

  /**
   * Returns the script that applies {@code transaction}, ready for {@code nft -f}.
   *
   * @throws IllegalArgumentException if a rule has a statement the model does not know
   */
  public static String transaction(Transaction transaction) {
    StringBuilder out = new StringBuilder();
    for (Transaction.Operation operation : transaction.operations()) {
      writeOperation(out, operation);
    }
    return out.toString();
  }

  /**
   * Returns whether {@link #transaction} can render {@code transaction}: it cannot when a rule has
   * a {@link RawStatement}, which only {@link NftJson} can write.
   */
  public static boolean canRender(Transaction transaction) {
    for (Transaction.Operation op : transaction.operations()) {
      List<Rule> rules = new ArrayList<>();
      if (op.tableContent() != null) {
        op.tableContent().chains().forEach(chain -> rules.addAll(chain.rules()));
      }
      if (op.chain() != null) {
        rules.addAll(op.chain().rules());
      }
      if (op.rule() != null) {
        rules.add(op.rule());
      }
      for (Rule rule : rules) {
        if (rule.statements().stream().anyMatch(RawStatement.class::isInstance)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void writeOperation(StringBuilder out, Transaction.Operation op) {
    String verb = op.verb().keyword();
    TableRef table = op.table();
    switch (op.type()) {
      case TABLE:
        Table content = op.tableContent();
        boolean bare =
            content == null
                || (isEmpty(content) && content.comment().isEmpty() && content.flags().isEmpty());
        if (bare || op.verb() == Transaction.Verb.CREATE) {
          out.append(verb).append(" table ").append(table).append('\n');
        }
        if (!bare) {
          writeTable(out, content);
        }
        return;
      case CHAIN:
        out.append(verb).append(" chain ").append(table).append(' ').append(op.name());
        if (op.chain() != null && op.chain().base().isPresent()) {
          out.append(" { ").append(baseLine(op.chain().base().get())).append(" }");
        }
        out.append('\n');
        if (op.chain() != null) {
          for (Rule rule : op.chain().rules()) {
            out.append("add rule ").append(table).append(' ').append(op.name()).append(' ');
            out.append(rule(rule)).append('\n');
          }
        }
        return;
      case RULE:
        out.append(verb).append(" rule ").append(table).append(' ').append(op.name());
        if (op.rule().handle().isPresent()) {
          out.append(" handle ").append(op.rule().handle().getAsLong());
        }
        if (op.verb() != Transaction.Verb.DELETE) {
          out.append(' ').append(rule(op.rule()));
        }
        out.append('\n');
        return;
      case SET:
        out.append(verb).append(" set ").append(table).append(' ').append(op.name());
        if (op.set() != null) {
          out.append(" { ");
          out.append(String.join("; ", setProperties(op.set())));
          out.append(" }");
        }
        out.append('\n');
        return;
      case MAP:
        out.append(verb).append(" map ").append(table).append(' ').append(op.name());
        if (op.map() != null) {
          out.append(" { ").append(String.join("; ", mapProperties(op.map()))).append(" }");
        }
        out.append('\n');
        return;
      case ELEMENTS:
        out.append(verb).append(" element ").append(table).append(' ').append(op.name());
        out.append(" { ").append(values(op.elements())).append(" }\n");
        return;
      case COUNTER:
        out.append(verb).append(" counter ").append(table).append(' ').append(op.name());
        out.append('\n');
        return;
      default:
        throw new AssertionError(op.type());
    }
  }

  private static boolean isEmpty(Table table) {
    return table.chains().isEmpty()
        && table.sets().isEmpty()
        && table.maps().isEmpty()
        && table.counters().isEmpty();
  }

  private static void writeTable(StringBuilder out, Table table) {
    out.append("table ").append(table.family().keyword()).append(' ').append(table.name());
    out.append(" {\n");
    table.comment().ifPresent(c -> out.append("\tcomment ").append(quote(c)).append('\n'));
    if (!table.flags().isEmpty()) {
      out.append("\tflags ").append(keywords(table.flags(), ",")).append('\n');
    }
    String separator = "";
    for (NamedCounter counter : table.counters()) {
      out.append(separator).append("\tcounter ").append(counter.name()).append(" {\n\t}\n");
      separator = "\n";
    }
    for (NamedSet set : table.sets()) {
      out.append(separator);
      writeSet(out, set, "\t");
      separator = "\n";
    }
    for (NamedMap map : table.maps()) {
      out.append(separator);
      writeMap(out, map, "\t");
      separator = "\n";
    }
    for (Chain chain : table.chains()) {
      out.append(separator);
      writeChain(out, chain, "\t");
      separator = "\n";
    }
    out.append("}\n");
  }

  private static void writeSet(StringBuilder out, NamedSet set, String indent) {
    out.append(indent).append("set ").append(set.name()).append(" {\n");
    for (String line : setProperties(set)) {
      out.append(indent).append('\t').append(line).append('\n');
    }
    out.append(indent).append("}\n");
  }

  private static List<String> setProperties(NamedSet set) {
    List<String> lines = new ArrayList<>();
    lines.add("type " + typeOf(set.type()));
    if (!set.flags().isEmpty()) {
      lines.add("flags " + keywords(set.flags(), ","));
    }
    set.timeout().ifPresent(t -> lines.add("timeout " + t.getSeconds() + "s"));
    set.comment().ifPresent(c -> lines.add("comment " + quote(c)));
    if (!set.elements().isEmpty()) {
      lines.add("elements = { " + values(set.elements()) + " }");
    }
    return lines;
  }

  private static void writeMap(StringBuilder out, NamedMap map, String indent) {
    out.append(indent).append("map ").append(map.name()).append(" {\n");
    for (String line : mapProperties(map)) {
      out.append(indent).append('\t').append(line).append('\n');
    }
    out.append(indent).append("}\n");
  }

  private static List<String> mapProperties(NamedMap map) {
    List<String> lines = new ArrayList<>();
    lines.add("type " + typeOf(map.keyType()) + " : " + map.valueType().keyword());
    if (map.interval()) {
      lines.add("flags interval");
    }
    map.comment().ifPresent(c -> lines.add("comment " + quote(c)));
    if (!map.entries().isEmpty()) {
      lines.add(
          "elements = { "
              + map.entries().stream()
                  .map(e -> value(e.key()) + " : " + value(e.value()))
                  .collect(Collectors.joining(", "))
              + " }");
    }
    return lines;
  }

  private static void writeChain(StringBuilder out, Chain chain, String indent) {
    out.append(indent).append("chain ").append(chain.name()).append(" {\n");
    chain
        .base()
        .ifPresent(base -> out.append(indent).append('\t').append(baseLine(base)).append('\n'));
    for (Rule rule : chain.rules()) {
      out.append(indent).append('\t').append(rule(rule)).append('\n');
    }
    out.append(indent).append("}\n");
  }

  private static String baseLine(BaseChain base) {
    return "type "
        + base.type().keyword()
        + " hook "
        + base.hook().keyword()
        + " priority "
        + base.priority().keyword()
        + "; policy "
        + base.policy().keyword()
        + ";";
  }

  /**
   * Returns the rule as script text, or, if it has a statement the model does not know, as the
   * libnftables JSON of its statements: for messages and toString, which must not fail.
   */
  static String describe(Rule rule) {
    try {
      return rule(rule);
    } catch (IllegalArgumentException e) {
      return rule.statements().stream()
          .map(s -> NftJson.statement(s).toString())
          .collect(Collectors.joining(" "));
    }
  }

  static String statements(List<Statement> statements) {
    return statements.stream().map(NftText::statement).collect(Collectors.joining(" "));
  }

  static String statement(Statement statement) {
    if (statement instanceof Match match) {
      return match(match);
    } else if (statement instanceof Verdict verdict) {
      return verdict.kind().keyword() + verdict.target().map(t -> " " + t).orElse("");
    } else if (statement instanceof Reject reject) {
      return "reject with " + reject.type().keyword() + reject.code().map(c -> " " + c).orElse("");
    } else if (statement instanceof Masquerade masquerade) {
      return "masquerade"
          + masquerade.ports().map(p -> " to :" + value(p)).orElse("")
          + (masquerade.flags().isEmpty() ? "" : " " + keywords(masquerade.flags(), ","));
    } else if (statement instanceof Nat nat) {
      String address = nat.address().keyword();
      String family = nat.address().isIpv4() ? "ip" : "ip6";
      if (nat.port().isPresent()) {
        address = (nat.address().isIpv4() ? address : "[" + address + "]") + ":" + nat.port().get();
      }
      return nat.type().keyword() + " " + family + " to " + address;
    } else if (statement instanceof Counter counter) {
      return counter.name().map(n -> "counter name " + quote(n)).orElse("counter");
    } else if (statement instanceof Log log) {
      return "log"
          + log.prefix().map(p -> " prefix " + quote(p)).orElse("")
          + log.level().map(l -> " level " + l.keyword()).orElse("");
    } else if (statement instanceof Limit limit) {
      return "limit rate "
          + (limit.over() ? "over " : "")
          + limit.rate()
          + "/"
          + limit.per().keyword()
          + (limit.burst() == Limit.DEFAULT_BURST ? "" : " burst " + limit.burst() + " packets");
    } else if (statement instanceof MssClamp clamp) {
      return "tcp option maxseg size set "
          + (clamp.size().isPresent() ? Integer.toString(clamp.size().getAsInt()) : "rt mtu");
    } else if (statement instanceof MarkSet mark) {
      return "meta mark set " + mark.mark().keyword();
    } else if (statement instanceof RawStatement raw) {
      throw new IllegalArgumentException(
          "statement: '"
              + raw.json()
              + "' is one the model does not know and has no text form; render with NftJson");
    }
    throw new AssertionError(statement);
  }

  private static String match(Match match) {
    StringBuilder out = new StringBuilder(match.left().keyword()).append(' ');
    if (match.op() == Match.Operator.NE) {
      out.append("!= ");
    }
    out.append(value(match.right()));
    if (match.left() instanceof Masked masked) {
      out.append(" / ").append(masked.mask().keyword());
    }
    return out.toString();
  }

  /** Returns a value as nft writes it; names are quoted. */
  static String value(Value value) {
    if (value instanceof InterfaceName name) {
      return '"' + name.keyword() + '"';
    } else if (value instanceof IpPrefix prefix) {
      return prefix.keyword();
    } else if (value instanceof Port port) {
      return Integer.toString(port.number());
    } else if (value instanceof Mark mark) {
      return mark.keyword();
    } else if (value instanceof Keyword keyword) {
      return keyword.keyword();
    } else if (value instanceof FlagSet<?> flags) {
      return flags.keyword();
    } else if (value instanceof Range range) {
      return value(range.low()) + "-" + value(range.high());
    } else if (value instanceof AnonymousSet set) {
      return "{ " + values(set.elements()) + " }";
    } else if (value instanceof SetReference ref) {
      return "@" + ref.name();
    } else if (value instanceof Concat concat) {
      return concat.parts().stream().map(NftText::value).collect(Collectors.joining(" . "));
    }
    throw new AssertionError(value);
  }

  private static String values(List<? extends Value> values) {
    return values.stream().map(NftText::value).collect(Collectors.joining(", "));
  }

  /** Returns a set's type as nft declares it: {@code ipv4_addr . inet_service}. */
  static String typeOf(List<Datatype> type) {
    return type.stream().map(Datatype::keyword).collect(Collectors.joining(" . "));
  }

  private static String keywords(Collection<? extends Keyword> words, String separator) {
    return words.stream().map(Keyword::keyword).collect(Collectors.joining(separator));
  }

  private static String quote(String text) {
    return '"' + text + '"';
  }
}
