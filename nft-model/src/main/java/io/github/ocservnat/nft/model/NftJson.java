package io.github.ocservnat.nft.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Renders the model as libnftables JSON, schema version 1, the format {@code nft -j} reads and
 * prints. A table renders as a listing, as {@code nft -j list table} prints it; a transaction
 * renders as commands, ready for {@code nft -j -f}. The same model always renders to the same
 * bytes.
 *
 * <p>nft 1.0.6 and older drop a table's comment when they read JSON, and cannot list a table's
 * flags as JSON; {@link NftJsonReader} copes with both.
 */
public final class NftJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private NftJson() {}

  /** Returns the listing of {@code table}: its objects in the order nft lists them. */
  public static String table(Table table) {
    ArrayNode objects = document();
    for (ObjectNode object : objects(table, true)) {
      objects.add(object);
    }
    return write(objects);
  }

  /** Returns the commands that apply {@code transaction}, for {@code nft -j -f}. */
  public static String transaction(Transaction transaction) {
    ArrayNode commands = document();
    for (Transaction.Operation operation : transaction.operations()) {
      writeOperation(commands, operation);
    }
    return write(commands);
  }

  private static ArrayNode document() {
    ArrayNode array = NODES.arrayNode();
    array.addObject().putObject("metainfo").put("json_schema_version", 1);
    return array;
  }

  private static String write(ArrayNode objects) {
    ObjectNode root = NODES.objectNode();
    root.set("nftables", objects);
    return JsonTrees.write(root);
  }

  /** Returns the table and everything in it as listing objects: {"table": {...}}, ... */
  /**
   * Returns the table and everything in it as listing objects; with {@code handles}, rules keep the
   * handles they were read with, as a listing shows them. In a command that adds the table they are
   * left out: there a handle would be read as a position.
   */
  private static List<ObjectNode> objects(Table table, boolean handles) {
    List<ObjectNode> objects = new ArrayList<>();
    objects.add(wrap("table", tableBody(table)));
    TableRef ref = table.ref();
    for (NamedCounter counter : table.counters()) {
      objects.add(wrap("counter", named(ref, counter.name())));
    }
    for (NamedSet set : table.sets()) {
      objects.add(wrap("set", setBody(ref, set)));
    }
    for (NamedMap map : table.maps()) {
      objects.add(wrap("map", mapBody(ref, map)));
    }
    for (Chain chain : table.chains()) {
      objects.add(wrap("chain", chainBody(ref, chain)));
    }
    for (Chain chain : table.chains()) {
      for (Rule rule : chain.rules()) {
        objects.add(
            wrap("rule", ruleBody(ref, chain.name(), handles ? rule : rule.withoutHandle())));
      }
    }
    return objects;
  }

  private static void writeOperation(ArrayNode commands, Transaction.Operation op) {
    String verb = op.verb().keyword();
    TableRef table = op.table();
    switch (op.type()) {
      case TABLE:
        Table content = op.tableContent();
        if (content == null) {
          commands.add(wrap(verb, wrap("table", tableRef(table))));
          return;
        }
        List<ObjectNode> objects = objects(content, false);
        commands.add(wrap(verb, objects.get(0)));
        for (ObjectNode object : objects.subList(1, objects.size())) {
          commands.add(wrap("add", object));
        }
        return;
      case CHAIN:
        Chain chain = op.chain();
        commands.add(
            wrap(
                verb,
                wrap("chain", chain == null ? named(table, op.name()) : chainBody(table, chain))));
        if (chain != null) {
          for (Rule rule : chain.rules()) {
            commands.add(
                wrap("add", wrap("rule", ruleBody(table, chain.name(), rule.withoutHandle()))));
          }
        }
        return;
      case RULE:
        ObjectNode rule;
        if (op.verb() == Transaction.Verb.DELETE) {
          rule = named(table, null);
          rule.put("chain", op.name());
          rule.put("handle", op.rule().handle().getAsLong());
        } else {
          rule = ruleBody(table, op.name(), op.rule());
        }
        commands.add(wrap(verb, wrap("rule", rule)));
        return;
      case SET:
        commands.add(
            wrap(
                verb,
                wrap(
                    "set", op.set() == null ? named(table, op.name()) : setBody(table, op.set()))));
        return;
      case MAP:
        commands.add(
            wrap(
                verb,
                wrap(
                    "map", op.map() == null ? named(table, op.name()) : mapBody(table, op.map()))));
        return;
      case ELEMENTS:
        ObjectNode element = named(table, op.name());
        element.set("elem", values(op.elements()));
        commands.add(wrap(verb, wrap("element", element)));
        return;
      case COUNTER:
        commands.add(wrap(verb, wrap("counter", named(table, op.name()))));
        return;
      default:
        throw new AssertionError(op.type());
    }
  }

  private static ObjectNode wrap(String key, JsonNode body) {
    ObjectNode object = NODES.objectNode();
    object.set(key, body);
    return object;
  }

  private static ObjectNode tableRef(TableRef table) {
    ObjectNode body = NODES.objectNode();
    body.put("family", table.family().keyword());
    body.put("name", table.name());
    return body;
  }

  private static ObjectNode tableBody(Table table) {
    ObjectNode body = tableRef(table.ref());
    table.comment().ifPresent(c -> body.put("comment", c));
    if (!table.flags().isEmpty()) {
      body.set("flags", keywords(table.flags()));
    }
    return body;
  }

  /** Returns {"family": ..., "table": ..., "name": ...}; without a name when it is null. */
  private static ObjectNode named(TableRef table, String name) {
    ObjectNode body = NODES.objectNode();
    body.put("family", table.family().keyword());
    body.put("table", table.name());
    if (name != null) {
      body.put("name", name);
    }
    return body;
  }

  private static ObjectNode chainBody(TableRef table, Chain chain) {
    ObjectNode body = named(table, chain.name());
    chain
        .base()
        .ifPresent(
            base -> {
              body.put("type", base.type().keyword());
              body.put("hook", base.hook().keyword());
              body.put("prio", base.priority().value());
              body.put("policy", base.policy().keyword());
            });
    return body;
  }

  private static ObjectNode ruleBody(TableRef table, String chain, Rule rule) {
    ObjectNode body = named(table, null);
    body.put("chain", chain);
    rule.handle().ifPresent(handle -> body.put("handle", handle));
    rule.comment().ifPresent(comment -> body.put("comment", comment));
    ArrayNode expr = body.putArray("expr");
    for (Statement statement : rule.statements()) {
      expr.add(statement(statement));
    }
    return body;
  }

  private static ObjectNode setBody(TableRef table, NamedSet set) {
    ObjectNode body = named(table, set.name());
    body.set("type", type(set.type()));
    if (!set.flags().isEmpty()) {
      body.set("flags", keywords(set.flags()));
    }
    set.timeout().ifPresent(timeout -> body.put("timeout", timeout.getSeconds()));
    set.comment().ifPresent(comment -> body.put("comment", comment));
    if (!set.elements().isEmpty()) {
      body.set("elem", values(set.elements()));
    }
    return body;
  }

  private static ObjectNode mapBody(TableRef table, NamedMap map) {
    ObjectNode body = named(table, map.name());
    body.set("type", type(map.keyType()));
    body.put("map", map.valueType().keyword());
    if (map.interval()) {
      body.putArray("flags").add(SetFlag.INTERVAL.keyword());
    }
    map.comment().ifPresent(comment -> body.put("comment", comment));
    if (!map.entries().isEmpty()) {
      ArrayNode elem = body.putArray("elem");
      for (NamedMap.Entry entry : map.entries()) {
        elem.addArray().add(value(entry.key())).add(value(entry.value()));
      }
    }
    return body;
  }

  private static JsonNode type(List<Datatype> type) {
    if (type.size() == 1) {
      return NODES.textNode(type.get(0).keyword());
    }
    ArrayNode array = NODES.arrayNode();
    type.forEach(part -> array.add(part.keyword()));
    return array;
  }

  private static ArrayNode keywords(Collection<? extends Keyword> words) {
    ArrayNode array = NODES.arrayNode();
    words.forEach(word -> array.add(word.keyword()));
    return array;
  }

  private static ArrayNode values(List<? extends Value> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(value -> array.add(value(value)));
    return array;
  }

  /** Returns a statement as libnftables JSON, such as {"accept": null}. */
  static JsonNode statement(Statement statement) {
    if (statement instanceof Match match) {
      ObjectNode body = NODES.objectNode();
      boolean flags = match.right() instanceof FlagSet && !(match.left() instanceof Masked);
      body.put("op", match.op() == Match.Operator.NE ? "!=" : flags ? "in" : "==");
      body.set("left", expression(match.left()));
      body.set("right", value(match.right()));
      return wrap("match", body);
    } else if (statement instanceof Verdict verdict) {
      String kind = verdict.kind().keyword();
      return verdict.target().isPresent()
          ? wrap(kind, NODES.objectNode().put("target", verdict.target().get()))
          : wrap(kind, NODES.nullNode());
    } else if (statement instanceof Reject reject) {
      ObjectNode body = NODES.objectNode().put("type", reject.type().keyword());
      reject.code().ifPresent(code -> body.put("expr", code));
      return wrap("reject", body);
    } else if (statement instanceof Masquerade masquerade) {
      if (masquerade.ports().isEmpty() && masquerade.flags().isEmpty()) {
        return wrap("masquerade", NODES.nullNode());
      }
      ObjectNode body = NODES.objectNode();
      masquerade.ports().ifPresent(ports -> body.set("port", value(ports)));
      if (!masquerade.flags().isEmpty()) {
        body.set("flags", keywords(masquerade.flags()));
      }
      return wrap("masquerade", body);
    } else if (statement instanceof Nat nat) {
      ObjectNode body = NODES.objectNode();
      body.put("family", nat.address().isIpv4() ? "ip" : "ip6");
      body.put("addr", nat.address().keyword());
      nat.port().ifPresent(port -> body.put("port", port.number()));
      return wrap(nat.type().keyword(), body);
    } else if (statement instanceof Counter counter) {
      return counter.name().isPresent()
          ? wrap("counter", NODES.textNode(counter.name().get()))
          : wrap("counter", NODES.nullNode());
    } else if (statement instanceof Log log) {
      if (log.prefix().isEmpty() && log.level().isEmpty()) {
        return wrap("log", NODES.nullNode());
      }
      ObjectNode body = NODES.objectNode();
      log.prefix().ifPresent(prefix -> body.put("prefix", prefix));
      log.level().ifPresent(level -> body.put("level", level.keyword()));
      return wrap("log", body);
    } else if (statement instanceof Limit limit) {
      ObjectNode body = NODES.objectNode();
      body.put("rate", limit.rate());
      body.put("burst", limit.burst());
      body.put("per", limit.per().keyword());
      if (limit.over()) {
        body.put("inv", true);
      }
      return wrap("limit", body);
    } else if (statement instanceof MssClamp clamp) {
      ObjectNode option = NODES.objectNode().put("name", "maxseg").put("field", "size");
      ObjectNode body = NODES.objectNode();
      body.set("key", wrap("tcp option", option));
      if (clamp.size().isPresent()) {
        body.put("value", clamp.size().getAsInt());
      } else {
        body.set("value", wrap("rt", NODES.objectNode().put("key", "mtu")));
      }
      return wrap("mangle", body);
    } else if (statement instanceof MarkSet mark) {
      ObjectNode body = NODES.objectNode();
      body.set("key", wrap("meta", NODES.objectNode().put("key", "mark")));
      body.put("value", mark.mark().value());
      return wrap("mangle", body);
    } else if (statement instanceof RawStatement raw) {
      try {
        return JsonTrees.parse(raw.json());
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new AssertionError(statement);
  }

  private static JsonNode expression(Expression expression) {
    if (expression instanceof Meta meta) {
      return wrap("meta", NODES.objectNode().put("key", meta.key().keyword()));
    } else if (expression instanceof Payload payload) {
      ObjectNode body = NODES.objectNode();
      body.put("protocol", payload.field().protocol());
      body.put("field", payload.field().fieldName());
      return wrap("payload", body);
    } else if (expression instanceof Ct ct) {
      return wrap("ct", NODES.objectNode().put("key", ct.key().keyword()));
    } else if (expression instanceof Masked masked) {
      ArrayNode operands = NODES.arrayNode();
      operands.add(expression(masked.expression()));
      operands.add(value(masked.mask()));
      return wrap("&", operands);
    }
    throw new AssertionError(expression);
  }

  /** Returns a value as libnftables JSON: a string, a number, or an object for compounds. */
  static JsonNode value(Value value) {
    if (value instanceof InterfaceName name) {
      return NODES.textNode(name.keyword());
    } else if (value instanceof IpPrefix prefix) {
      if (prefix.isHost()) {
        return NODES.textNode(prefix.keyword());
      }
      ObjectNode body = NODES.objectNode();
      body.put("addr", InetAddresses.toAddrString(prefix.address()));
      body.put("len", prefix.length());
      return wrap("prefix", body);
    } else if (value instanceof Port port) {
      return NODES.numberNode(port.number());
    } else if (value instanceof Mark mark) {
      return NODES.numberNode(mark.value());
    } else if (value instanceof Keyword keyword) {
      return NODES.textNode(keyword.keyword());
    } else if (value instanceof FlagSet<?> flags) {
      if (flags.flags().size() == 1) {
        return NODES.textNode(flags.flags().iterator().next().keyword());
      }
      return keywords(flags.flags());
    } else if (value instanceof Range range) {
      ArrayNode ends = NODES.arrayNode().add(value(range.low())).add(value(range.high()));
      return wrap("range", ends);
    } else if (value instanceof AnonymousSet set) {
      return wrap("set", values(set.elements()));
    } else if (value instanceof SetReference ref) {
      return NODES.textNode("@" + ref.name());
    } else if (value instanceof Concat concat) {
      return wrap("concat", values(concat.parts()));
    }
    throw new AssertionError(value);
  }
}
