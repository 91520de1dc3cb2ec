package io.github.ocservnat.nft.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads what {@code nft -j list ruleset} or {@code nft -j list table ...} prints into the model.
 *
 * <p>The reader is lenient where nft versions differ and strict nowhere it need not be:
 *
 * <ul>
 *   <li>flags may be a single string or an array; fields it does not know are ignored;
 *   <li>a statement the model does not know, or knows with options it does not model, is kept whole
 *       as a {@link RawStatement}, so that writing the table back loses nothing;
 *   <li>handles are kept on rules ({@link Rule#handle()}) but are not part of equality, and what
 *       counters counted is kept but not compared.
 * </ul>
 *
 * <p>Objects the model has no type for (flowtables, quotas, ct helpers, sets of types it does not
 * know) are left out of the tables it returns; a rule that refers to a set left out keeps that
 * statement as raw JSON. {@link #ruleset} leaves out a whole table the model cannot hold (one with
 * a chain named after an nft keyword, which only JSON can create); {@link #table} reads only the
 * table asked for, and fails only if that one cannot be held.
 */
public final class NftJsonReader {
  private final Map<String, TableParts> tables = new LinkedHashMap<>();

  private NftJsonReader() {}

  /**
   * Returns every table of a listing, in the order listed.
   *
   * @throws InvalidValueException if the text is not a libnftables JSON listing
   */
  public static List<Table> ruleset(String json) {
    NftJsonReader reader = new NftJsonReader();
    reader.read(json);
    List<Table> result = new ArrayList<>();
    for (TableParts parts : reader.tables.values()) {
      try {
        result.add(parts.build());
      } catch (InvalidValueException e) {
        // Another program's table the model cannot hold, such as one whose chain was named
        // after an nft keyword through JSON, must not stop the reading of the others.
      }
    }
    return result;
  }

  /**
   * Returns the table {@code family name} of a listing, if it has one.
   *
   * @throws InvalidValueException if the text is not a libnftables JSON listing
   */
  public static Optional<Table> table(String json, Family family, String name) {
    NftJsonReader reader = new NftJsonReader();
    reader.read(json);
    TableParts parts = reader.tables.get(family.keyword() + " " + name);
    return parts == null ? Optional.empty() : Optional.of(parts.build());
  }

  private void read(String json) {
    JsonNode root;
    try {
      root = JsonTrees.parse(json);
    } catch (JsonProcessingException e) {
      throw new InvalidValueException(
          "listing", abbreviate(json), "is not JSON (" + e.getOriginalMessage() + ")");
    }
    JsonNode objects = root == null ? null : root.get("nftables");
    if (objects == null || !objects.isArray()) {
      throw new InvalidValueException(
          "listing", abbreviate(json), "has no \"nftables\" array; is it the output of nft -j?");
    }
    for (JsonNode object : objects) {
      object.fields().forEachRemaining(field -> readObject(field.getKey(), field.getValue()));
    }
  }

  private static String abbreviate(String json) {
    return json.length() <= 60 ? json : json.substring(0, 60) + "...";
  }

  private void readObject(String type, JsonNode body) {
    if (type.equals("table")) {
      readTable(body);
      return;
    }
    if (!Set.of("chain", "rule", "set", "map", "counter").contains(type)) {
      return; // metainfo, and objects the model has no type for.
    }
    TableParts table = parts(body, "table");
    try {
      switch (type) {
        case "chain" -> table.chains.put(text(body, "name"), readChain(body, table.family));
        case "rule" ->
            table.rules.computeIfAbsent(text(body, "chain"), c -> new ArrayList<>()).add(body);
        case "set" -> readSet(body).ifPresent(table.sets::add);
        case "map" -> readMap(body).ifPresent(table.maps::add);
        default -> table.counters.add(new NamedCounter(text(body, "name")));
      }
    } catch (InvalidValueException e) {
      table.failure = e;
    }
  }

  private void readTable(JsonNode body) {
    Family family = Keywords.lookUp(Family.class, "table family", text(body, "family"));
    String name = text(body, "name");
    Table.Builder builder;
    try {
      builder = Table.builder(family, name);
    } catch (InvalidValueException e) {
      TableParts unreadable = new TableParts(null, family);
      unreadable.failure = e;
      tables.put(family.keyword() + " " + name, unreadable);
      return;
    }
    if (body.hasNonNull("comment")) {
      builder.comment(body.get("comment").asText());
    }
    for (String flag : strings(body.get("flags"))) {
      if (flag.equals(TableFlag.DORMANT.keyword())) {
        builder.flags(TableFlag.DORMANT);
      }
    }
    tables.put(family.keyword() + " " + name, new TableParts(builder, family));
  }

  private TableParts parts(JsonNode body, String tableField) {
    String key = text(body, "family") + " " + text(body, tableField);
    TableParts parts = tables.get(key);
    if (parts == null) {
      throw new InvalidValueException(
          "listing", key, "has objects of a table before the table itself");
    }
    return parts;
  }

  private static Chain.Builder readChain(JsonNode body, Family family) {
    Chain.Builder chain = Chain.builder(text(body, "name"));
    if (body.hasNonNull("hook")) {
      ChainType type = Keywords.lookUp(ChainType.class, "chain type", text(body, "type"));
      Hook hook = Keywords.lookUp(Hook.class, "chain hook", text(body, "hook"));
      // Standard names are those of ip, ip6 and inet; other families keep the number.
      int prio = body.path("prio").asInt();
      boolean ipFamily = family == Family.IP || family == Family.IP6 || family == Family.INET;
      Priority priority = ipFamily ? Priority.normalized(prio) : Priority.of(prio);
      Policy policy =
          body.hasNonNull("policy")
              ? Keywords.lookUp(Policy.class, "chain policy", text(body, "policy"))
              : Policy.ACCEPT;
      chain.base(new BaseChain(type, hook, priority, policy));
    }
    return chain;
  }

  private static Optional<NamedSet> readSet(JsonNode body) {
    List<Datatype> type = types(body.get("type"));
    if (type == null) {
      return Optional.empty();
    }
    NamedSet.Builder set =
        NamedSet.builder(
            text(body, "name"), type.get(0), type.subList(1, type.size()).toArray(new Datatype[0]));
    for (String flag : strings(body.get("flags"))) {
      for (SetFlag known : SetFlag.values()) {
        if (known.keyword().equals(flag)) {
          set.flags(known);
        }
      }
    }
    if (body.hasNonNull("timeout")) {
      set.timeout(Duration.ofSeconds(body.get("timeout").asLong()));
    }
    if (body.hasNonNull("comment")) {
      set.comment(body.get("comment").asText());
    }
    try {
      for (JsonNode element : body.path("elem")) {
        set.elements(element(unwrapElement(element), type));
      }
      return Optional.of(set.build());
    } catch (InvalidValueException | UnknownException e) {
      return Optional.empty();
    }
  }

  private static Optional<NamedMap> readMap(JsonNode body) {
    List<Datatype> keyType = types(body.get("type"));
    Datatype valueType = Datatype.fromKeyword(body.path("map").asText());
    if (keyType == null || keyType.size() != 1 || valueType == null) {
      return Optional.empty();
    }
    NamedMap.Builder map = NamedMap.builder(text(body, "name"), keyType.get(0), valueType);
    if (strings(body.get("flags")).contains(SetFlag.INTERVAL.keyword())) {
      map.interval();
    }
    if (body.hasNonNull("comment")) {
      map.comment(body.get("comment").asText());
    }
    try {
      for (JsonNode entry : body.path("elem")) {
        map.entry(element(unwrapElement(entry.get(0)), keyType), value(entry.get(1), valueType));
      }
      return Optional.of(map.build());
    } catch (InvalidValueException | UnknownException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static List<Datatype> types(JsonNode node) {
    List<Datatype> types = new ArrayList<>();
    for (String keyword : strings(node)) {
      Datatype type = Datatype.fromKeyword(keyword);
      if (type == null || type.isFlags() || type == Datatype.IFACE_INDEX) {
        return null;
      }
      types.add(type);
    }
    return types.isEmpty() ? null : types;
  }

  /** A set element may come wrapped with its own timeout: {"elem": {"val": ..., ...}}. */
  private static JsonNode unwrapElement(JsonNode element) {
    return element.has("elem") ? element.get("elem").get("val") : element;
  }

  private static Value element(JsonNode node, List<Datatype> type) {
    if (type.size() == 1) {
      return value(node, type.get(0));
    }
    JsonNode parts = node.get("concat");
    if (parts == null || parts.size() != type.size()) {
      throw new UnknownException();
    }
    List<Value> values = new ArrayList<>();
    for (int i = 0; i < type.size(); i++) {
      values.add(value(parts.get(i), type.get(i)));
    }
    return new Concat(values);
  }

  /** The tables' parts as they are read, built once the whole listing is in. */
  private static final class TableParts {
    private final Table.Builder table;
    private final Family family;

    /** Why the model cannot hold this table, if it cannot. */
    private InvalidValueException failure;

    private final Map<String, Chain.Builder> chains = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> rules = new LinkedHashMap<>();
    private final List<NamedSet> sets = new ArrayList<>();
    private final List<NamedMap> maps = new ArrayList<>();
    private final List<NamedCounter> counters = new ArrayList<>();

    private TableParts(Table.Builder table, Family family) {
      this.table = table;
      this.family = family;
    }

    Table build() {
      if (failure != null) {
        throw failure;
      }
      Set<String> setNames = new HashSet<>();
      sets.forEach(set -> setNames.add(set.name()));
      maps.forEach(map -> setNames.add(map.name()));
      Set<String> counterNames = new HashSet<>();
      counters.forEach(counter -> counterNames.add(counter.name()));

      sets.forEach(table::set);
      maps.forEach(table::map);
      counters.forEach(table::counter);
      for (Map.Entry<String, Chain.Builder> chain : chains.entrySet()) {
        // A rule whose comment or shape the model cannot hold fails the whole table here.
        for (JsonNode rule : rules.getOrDefault(chain.getKey(), List.of())) {
          chain.getValue().rule(rule(rule, setNames, counterNames));
        }
        table.chain(chain.getValue().build());
      }
      return table.build();
    }
  }

  private static Rule rule(JsonNode body, Set<String> sets, Set<String> counters) {
    List<Statement> statements = new ArrayList<>();
    for (JsonNode expr : body.path("expr")) {
      Statement statement = statementOrRaw(expr, sets, counters);
      if (statement instanceof Reject reject
          && reject.type() == Reject.Type.TCP_RESET
          && statements.stream()
              .noneMatch(s -> s instanceof Match m && m.restrictsTo(L4Proto.TCP))) {
        // In ip and ip6 tables nft lists "meta l4proto tcp reject with tcp reset" without the
        // match it added itself; the kernel has it, and so does the model.
        statements.add(Match.l4proto(L4Proto.TCP));
      }
      statements.add(statement);
    }
    Rule rule;
    try {
      rule = Rule.of(statements);
    } catch (InvalidValueException e) {
      // The kernel took what the model would not write: keep every statement as it came.
      List<Statement> raw = new ArrayList<>();
      body.path("expr").forEach(expr -> raw.add(raw(expr)));
      rule = Rule.of(raw);
    }
    if (body.hasNonNull("comment")) {
      rule = rule.withComment(body.get("comment").asText());
    }
    long handle = body.path("handle").asLong();
    return handle > 0 ? rule.withHandle(handle) : rule;
  }

  private static Statement statementOrRaw(JsonNode expr, Set<String> sets, Set<String> counters) {
    try {
      Statement statement = statement(expr);
      if (statement instanceof Match match
          && match.right() instanceof SetReference ref
          && !sets.contains(ref.name())) {
        return raw(expr);
      }
      if (statement instanceof Counter counter
          && counter.name().isPresent()
          && !counters.contains(counter.name().get())) {
        return raw(expr);
      }
      return statement;
    } catch (InvalidValueException | UnknownException | NullPointerException e) {
      return raw(expr);
    }
  }

  private static RawStatement raw(JsonNode expr) {
    return new RawStatement(JsonTrees.write(expr));
  }

  private static Statement statement(JsonNode expr) {
    if (expr.size() != 1) {
      throw new UnknownException();
    }
    String key = expr.fieldNames().next();
    JsonNode body = expr.get(key);
    switch (key) {
      case "match":
        return match(body);
      case "accept":
        return Verdict.ACCEPT;
      case "drop":
        return Verdict.DROP;
      case "continue":
        return Verdict.CONTINUE;
      case "return":
        return Verdict.RETURN;
      case "jump":
        only(body, "target");
        return Verdict.jump(text(body, "target"));
      case "goto":
        only(body, "target");
        return Verdict.goTo(text(body, "target"));
      case "reject":
        only(body, "type", "expr");
        Reject.Type type = Keywords.lookUp(Reject.Type.class, "reject type", text(body, "type"));
        return new Reject(
            type, body.hasNonNull("expr") ? Optional.of(text(body, "expr")) : Optional.empty());
      case "masquerade":
        return masquerade(body);
      case "snat":
      case "dnat":
        return nat(key, body);
      case "counter":
        return counter(body);
      case "log":
        only(body, "prefix", "level");
        Optional<String> prefix = optionalText(body, "prefix");
        Optional<LogLevel> level =
            optionalText(body, "level").map(l -> Keywords.lookUp(LogLevel.class, "log level", l));
        return new Log(prefix, level);
      case "limit":
        only(body, "rate", "burst", "per", "inv");
        Limit.Unit per = Keywords.lookUp(Limit.Unit.class, "limit unit", text(body, "per"));
        int burst = body.has("burst") ? body.get("burst").asInt() : Limit.DEFAULT_BURST;
        return new Limit(body.get("rate").asLong(), per, burst, body.path("inv").asBoolean());
      case "mangle":
        return mangle(body);
      default:
        throw new UnknownException();
    }
  }

  private static Statement match(JsonNode body) {
    only(body, "op", "left", "right");
    Match.Operator op;
    switch (text(body, "op")) {
      case "==":
      case "in":
        op = Match.Operator.EQ;
        break;
      case "!=":
        op = Match.Operator.NE;
        break;
      default:
        throw new UnknownException();
    }
    Expression left = expression(body.get("left"));
    if (left.datatype().isFlags() && !(left instanceof Masked) && text(body, "op").equals("==")) {
      // "tcp flags == syn" asks for exactly those flags; the model's match is "any of them".
      throw new UnknownException();
    }
    return new Match(left, op, value(body.get("right"), left.datatype()));
  }

  private static Expression expression(JsonNode node) {
    if (node.has("meta")) {
      only(node.get("meta"), "key");
      String key = text(node.get("meta"), "key");
      return new Meta(Keywords.lookUp(Meta.Key.class, "meta key", key));
    } else if (node.has("payload")) {
      JsonNode payload = node.get("payload");
      only(payload, "protocol", "field");
      Payload.Field field = Payload.Field.find(text(payload, "protocol"), text(payload, "field"));
      if (field == null) {
        throw new UnknownException();
      }
      return new Payload(field);
    } else if (node.has("ct")) {
      only(node.get("ct"), "key");
      return new Ct(Keywords.lookUp(Ct.Key.class, "ct key", text(node.get("ct"), "key")));
    } else if (node.has("&")) {
      JsonNode operands = node.get("&");
      Expression expression = expression(operands.get(0));
      if (!expression.datatype().isFlags()) {
        throw new UnknownException();
      }
      return new Masked(expression, flags(operands.get(1), expression.datatype()));
    }
    throw new UnknownException();
  }

  private static Value value(JsonNode node, Datatype type) {
    if (node.isTextual() && node.asText().startsWith("@")) {
      return new SetReference(node.asText().substring(1));
    }
    if (node.isObject()) {
      if (node.has("set")) {
        List<Value> elements = new ArrayList<>();
        node.get("set").forEach(element -> elements.add(value(element, type)));
        // nft lists elements the kernel joined into one interval as a set of one, which
        // matches as that element does.
        return elements.size() == 1 ? elements.get(0) : new AnonymousSet(elements);
      } else if (node.has("range")) {
        return new Range(
            value(node.get("range").get(0), type), value(node.get("range").get(1), type));
      } else if (node.has("prefix")) {
        JsonNode prefix = node.get("prefix");
        return IpPrefix.parse(text(prefix, "addr") + "/" + prefix.get("len").asInt());
      }
      throw new UnknownException();
    }
    if (type.isFlags()) {
      return flags(node, type);
    }
    switch (type) {
      case IPV4_ADDR:
      case IPV6_ADDR:
        return IpPrefix.host(node.asText());
      case IFNAME:
        return InterfaceName.parse(textValue(node));
      case IFACE_INDEX:
        return InterfaceName.exact(textValue(node));
      case INET_SERVICE:
        return Port.of(intValue(node));
      case MARK:
        return Mark.of(node.isNumber() ? node.asLong() : -1);
      case INET_PROTO:
        return Keywords.lookUp(L4Proto.class, "l4proto", textValue(node));
      case NFPROTO:
        return Keywords.lookUp(NfProto.class, "nfproto", textValue(node));
      default:
        throw new UnknownException();
    }
  }

  private static FlagSet<?> flags(JsonNode node, Datatype type) {
    return FlagSet.parse(type, strings(node));
  }

  private static Statement masquerade(JsonNode body) {
    if (body.isNull()) {
      return new Masquerade();
    }
    only(body, "port", "flags");
    Optional<Range> ports = Optional.empty();
    if (body.has("port")) {
      if (!(value(body.get("port"), Datatype.INET_SERVICE) instanceof Range range)) {
        throw new UnknownException();
      }
      ports = Optional.of(range);
    }
    Set<NatFlag> flags = new HashSet<>();
    for (String flag : strings(body.get("flags"))) {
      flags.add(Keywords.lookUp(NatFlag.class, "masquerade flag", flag));
    }
    return new Masquerade(ports, flags);
  }

  private static Statement nat(String key, JsonNode body) {
    only(body, "family", "addr", "port");
    Nat.Type type = key.equals("snat") ? Nat.Type.SNAT : Nat.Type.DNAT;
    IpPrefix address = IpPrefix.host(textValue(body.get("addr")));
    Optional<Port> port =
        body.has("port") ? Optional.of(Port.of(intValue(body.get("port")))) : Optional.empty();
    return new Nat(type, address, port);
  }

  private static Statement counter(JsonNode body) {
    if (body.isTextual()) {
      return Counter.named(body.asText());
    }
    if (body.isNull()) {
      return Counter.anonymous();
    }
    only(body, "packets", "bytes");
    return Counter.counted(body.path("packets").asLong(), body.path("bytes").asLong());
  }

  private static Statement mangle(JsonNode body) {
    only(body, "key", "value");
    JsonNode key = body.get("key");
    JsonNode value = body.get("value");
    JsonNode option = key.get("tcp option");
    if (option != null
        && option.path("name").asText().equals("maxseg")
        && option.path("field").asText().equals("size")) {
      if (value.isNumber()) {
        return MssClamp.to(value.asInt());
      }
      if (value.path("rt").path("key").asText().equals("mtu")) {
        return new MssClamp(OptionalInt.empty());
      }
    }
    if (key.path("meta").path("key").asText().equals("mark") && value.isNumber()) {
      return new MarkSet(Mark.of(value.asLong()));
    }
    throw new UnknownException();
  }

  /** A statement's JSON with fields the model does not keep is kept raw, whole. */
  private static void only(JsonNode body, String... fields) {
    if (!body.isObject()) {
      return;
    }
    Set<String> known = Set.of(fields);
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                throw new UnknownException();
              }
            });
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !node.isTextual()) {
      throw new InvalidValueException(
          "listing", body.toString(), "has no text field \"" + field + "\"");
    }
    return node.asText();
  }

  private static Optional<String> optionalText(JsonNode body, String field) {
    return body.hasNonNull(field) ? Optional.of(body.get(field).asText()) : Optional.empty();
  }

  private static String textValue(JsonNode node) {
    if (!node.isTextual()) {
      throw new UnknownException();
    }
    return node.asText();
  }

  private static int intValue(JsonNode node) {
    if (!node.isIntegralNumber()) {
      throw new UnknownException();
    }
    return node.asInt();
  }

  /** A flag field as a list: nft writes one flag as a string and several as an array. */
  private static List<String> strings(JsonNode node) {
    List<String> strings = new ArrayList<>();
    if (node == null || node.isNull()) {
      return strings;
    }
    if (node.isArray()) {
      node.forEach(item -> strings.add(item.asText()));
    } else {
      strings.add(node.asText());
    }
    return strings;
  }

  /** Something the model has no type for; the statement around it is kept raw. */
  private static final class UnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownException() {
      super(null, null, false, false);
    }
  }
}
