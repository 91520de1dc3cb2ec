package io.github.ocservnat.nat;

import io.github.ocservnat.nat.Invocation.Mode;
import io.github.ocservnat.nat.Settings.Resolved;
import io.github.ocservnat.nft.backend.NftBackends;
import io.github.ocservnat.nft.backend.ScriptBackend;
import io.github.ocservnat.nft.model.BaseChain;
import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.Counter;
import io.github.ocservnat.nft.model.CtState;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.MssClamp;
import io.github.ocservnat.nft.model.NftBackend;
import io.github.ocservnat.nft.model.NftException;
import io.github.ocservnat.nft.model.NftText;
import io.github.ocservnat.nft.model.Policy;
import io.github.ocservnat.nft.model.RawStatement;
import io.github.ocservnat.nft.model.Rule;
import io.github.ocservnat.nft.model.Statement;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.TableDiff;
import io.github.ocservnat.nft.model.TableFlag;
import io.github.ocservnat.nft.model.TableRef;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Verdict;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The init-nat launcher: run once when a VPN container starts. It reads its settings from flags,
 * the environment and ocserv's configuration ({@link Settings}), switches on IP forwarding, and
 * puts the NAT table in place in one atomic nftables transaction, then reads it back.
 *
 * <p>Exit codes: 0 applied or already in place; 1 unexpected failure; 2 configuration error; 3
 * forwarding could not be switched on; 4 a kernel or nftables feature is missing; 5 nftables
 * refused the transaction, or the table read back is not the one applied.
 */
public final class InitNat {
  static final int OK = 0;
  static final int UNEXPECTED = 1;
  static final int CONFIG_ERROR = 2;
  static final int FORWARDING_ERROR = 3;
  static final int MISSING_FEATURE = 4;
  static final int TRANSACTION_FAILED = 5;

  /** How long one run of the nft executable may take, where it is used. */
  static final Duration NFT_TIMEOUT = Duration.ofMinutes(1);

  static final String IPV4_FORWARD = "net.ipv4.ip_forward";
  static final String IPV6_FORWARD = "net.ipv6.conf.all.forwarding";

  /** How nft's text writes the states of a ct state match: {@code ct state related,established}. */
  private static final Pattern CT_STATES = Pattern.compile("\\bct state ([a-z]+(?:,[a-z]+)*)");

  /** The states a reply rule must take: replies, and the ICMP errors about a connection. */
  private static final Set<String> REPLY_STATES = Set.of("established", "related");

  /** The reply rule's match in table inet ocserv, which the iptables advice writes as conntrack. */
  private static final Match REPLIES = Match.ctState(CtState.ESTABLISHED, CtState.RELATED);

  private final Map<String, String> environment;
  private final Host host;
  private final Function<Map<String, String>, NftBackend> backends;
  private final InitNatLog log;

  InitNat(
      Map<String, String> environment,
      Host host,
      Function<Map<String, String>, NftBackend> backends,
      InitNatLog log) {
    this.environment = environment;
    this.host = host;
    this.backends = backends;
    this.log = log;
  }

  /** Runs init-nat on the process's arguments and environment and exits with its exit code. */
  public static void main(String[] args) {
    InitNatLog log = new InitNatLog(System.out, System.err, Clock.systemDefaultZone());
    // A container that hangs at start is worse than one that fails: nft gets a minute.
    InitNat initNat =
        new InitNat(System.getenv(), Host.system(), env -> NftBackends.open(env, NFT_TIMEOUT), log);
    System.exit(initNat.run(args));
  }

  int run(String... args) {
    try {
      Invocation invocation = Invocation.parse(Arrays.asList(args), environment);
      switch (invocation.mode()) {
        case HELP:
          return printed(usage());
        case VERSION:
          return printed("init-nat " + version() + "\n");
        default:
          return run(invocation);
      }
    } catch (ConfigException e) {
      log.error(e.getMessage());
      return CONFIG_ERROR;
    } catch (ForwardingException e) {
      log.error(e.getMessage());
      return FORWARDING_ERROR;
    } catch (NftException e) {
      return nftFailed(e);
    } catch (InvalidValueException e) {
      log.error(e.getMessage());
      return CONFIG_ERROR;
    } catch (ReadBackException e) {
      log.error(e.getMessage());
      e.changes().forEach(change -> log.errorDetail(change.toString()));
      return TRANSACTION_FAILED;
    } catch (RuntimeException e) {
      log.error("unexpected failure: " + e);
      return UNEXPECTED;
    }
  }

  private int run(Invocation invocation)
      throws ConfigException, ForwardingException, ReadBackException {
    Mode mode = invocation.mode();
    if (mode == Mode.DRY_RUN || mode == Mode.PLAN) {
      // Standard output carries the script or the plan alone, for a pipe or a file.
      log.infoToStandardError();
    }
    if (mode == Mode.DOWN) {
      // Removing the table needs none of the settings, which might not even resolve any more.
      try (NftBackend nft = openBackend(invocation)) {
        return down(nft, NatConfig.defaults().tableName());
      }
    }
    Resolved settings = Settings.resolve(invocation, host);
    NatConfig config = settings.config();
    settings.notes().forEach(log::info);
    settings.warnings().forEach(log::warn);
    log.info(describe(config));
    Table table = NatRuleset.table(config);

    if (mode == Mode.DRY_RUN) {
      return printed(NatRuleset.replace(config).toString());
    }

    // Load libnftables and check every sysctl before changing anything, so that a missing
    // library or a read-only /proc/sys leaves everything as it was.
    try (NftBackend nft = openBackend(invocation)) {
      switch (mode) {
        case PLAN:
          int written = plan(nft, table);
          warnAboutDropChains(nft, table, config);
          return written;
        case CHECK:
          forwarding(config, false);
          nft.check(NatRuleset.replace(config));
          TableDiff diff = TableDiff.between(live(nft, table), table);
          log.info(
              "check passed: nftables accepts table inet "
                  + table.name()
                  + (diff.isEmpty()
                      ? ", which is already in place"
                      : "; applying would make " + count(diff.changes().size(), "change"))
                  + "; nothing changed");
          warnAboutDropChains(nft, table, config);
          return OK;
        default:
          // Listed first: a backend that cannot list fails before any sysctl is written.
          Optional<Table> before = live(nft, table);
          forwarding(config, true);
          apply(nft, config, table, before);
          warnAboutDropChains(nft, table, config);
          return OK;
      }
    }
  }

  /** Opens the backend; a bad NFT_BACKEND or NFT_EXECUTABLE is named as the user wrote it. */
  private NftBackend openBackend(Invocation invocation) throws ConfigException {
    try {
      return backends.apply(invocation.backendEnvironment(environment));
    } catch (InvalidValueException e) {
      for (Variable variable : List.of(Variable.NFT_BACKEND, Variable.NFT_EXECUTABLE)) {
        if (e.field().equals(variable.name())) {
          String origin =
              invocation.input(variable).map(Invocation.Input::origin).orElse(variable.name());
          throw new ConfigException(e.withField(origin).getMessage());
        }
      }
      throw e;
    }
  }

  private int plan(NftBackend nft, Table table) {
    TableDiff diff = TableDiff.between(live(nft, table), table);
    if (diff.isEmpty()) {
      log.info("table inet " + table.name() + " is already in place; nothing would change");
      return OK;
    }
    return printed(diff.toString());
  }

  /** Prints {@code text} on standard output; an output that takes nothing is an error. */
  private int printed(String text) {
    if (!log.print(text)) {
      log.error(
          "standard output cannot be written (a full disk or a closed pipe?); what init-nat"
              + " printed there is lost; nothing was changed");
      return UNEXPECTED;
    }
    return OK;
  }

  private int down(NftBackend nft, String name) {
    TableRef ref = new TableRef(Family.INET, name);
    Optional<TextListing> text = textListing(nft);
    boolean there =
        text.isPresent() ? text.get().has(ref.toString()) : nft.listTable(ref).isPresent();
    if (!there) {
      log.info("table inet " + name + " is not there; nothing to remove");
      return OK;
    }
    // Adding first makes the deletion succeed even if another process removed it meanwhile.
    nft.apply(Transaction.builder().add(ref).delete(ref).build());
    log.info(
        "removed table inet "
            + name
            + "; the sysctls are left as they are, so while forwarding is on the clients' traffic"
            + " leaves unmasqueraded");
    return OK;
  }

  /** Returns the ruleset as text, where the backend lists text; see {@link TextListing}. */
  private static Optional<TextListing> textListing(NftBackend nft) {
    if (nft instanceof ScriptBackend script) {
      return Optional.of(TextListing.of(script.run("list ruleset").output()));
    }
    return Optional.empty();
  }

  private void apply(NftBackend nft, NatConfig config, Table table, Optional<Table> before)
      throws ReadBackException {
    TableDiff diff = TableDiff.between(before, table);
    if (diff.isEmpty()) {
      log.info("table inet " + table.name() + " is already in place; nothing changed");
      return;
    }

    nft.apply(NatRuleset.replace(config));

    TableDiff after = TableDiff.between(live(nft, table), table);
    if (!after.isEmpty()) {
      throw new ReadBackException(
          "table inet "
              + table.name()
              + " as read back from the kernel is not the table applied; another program may"
              + " have changed it at the same moment, or nft lists a rule differently",
          after.changes());
    }
    String verb = before.isPresent() ? "replaced" : "applied";
    log.info(verb + " table inet " + table.name() + " (" + summary(table) + ")");
    if (before.isPresent()) {
      diff.changes().forEach(change -> log.info("  " + change));
    }
  }

  /**
   * Returns the live table, or empty if there is none, or if nft or the model cannot read it; a
   * dormant table as an empty one with flag dormant. Where the backend lists text, the text is read
   * first: it says whether the table is there at all, and whether nft could list it as JSON without
   * aborting ({@link TextListing}).
   */
  private Optional<Table> live(NftBackend nft, Table table) {
    Optional<TextListing> text = textListing(nft);
    String ref = table.ref().toString();
    if (text.isPresent() && !text.get().has(ref)) {
      return Optional.empty();
    }
    if (text.isPresent() && text.get().isDormant(ref)) {
      // Not listed as JSON, which nft 1.0.6 gets wrong for a dormant table, at times fatally: a
      // dormant table filters nothing, so it differs from the one wanted whatever it holds.
      log.warn("table " + ref + " is dormant, so it filters nothing; it is replaced whole");
      return Optional.of(Table.builder(Family.INET, table.name()).flags(TableFlag.DORMANT).build());
    }
    if (text.isPresent() && text.get().isUnlistable(ref)) {
      log.warn(
          "table "
              + ref
              + " has a set of interface wildcards that touch, which nft cannot list as JSON;"
              + " it is replaced whole");
      return Optional.empty();
    }
    Optional<Table> live;
    try {
      live = nft.listTable(table.ref());
    } catch (InvalidValueException e) {
      if (e.field().equals("listing")) {
        throw new NftException(
            NftException.Kind.UNAVAILABLE,
            "nftables answered a listing with what is not libnftables JSON: "
                + e.getMessage()
                + "; is NFT_EXECUTABLE nft?",
            "",
            e);
      }
      log.warn(
          "table inet "
              + table.name()
              + " is there but cannot be read ("
              + e.getMessage()
              + "); it is replaced whole");
      return Optional.empty();
    }
    return live;
  }

  /**
   * Warns about base chains of other tables that drop forwarded packets by default: a packet must
   * get through every base chain on the hook, so this table's accept does not save it from them.
   */
  private void warnAboutDropChains(NftBackend nft, Table ours, NatConfig config) {
    List<Table> tables;
    // The text, read once, serves both to list the tables and to read what their JSON leaves out.
    Optional<TextListing> text;
    try {
      text = textListing(nft);
      tables = otherTables(nft, ours, text);
    } catch (NftException | InvalidValueException e) {
      log.warn(
          "the other tables could not be listed to look for chains that drop forwarded"
              + " traffic ("
              + e.getMessage()
              + ")");
      return;
    }
    Optional<Chain> forward = ours.chain("forward");
    for (Table table : tables) {
      if (table.ref().equals(ours.ref()) || !forwards(table.family())) {
        continue;
      }
      for (Chain chain : table.chains()) {
        Optional<BaseChain> base = chain.base();
        if (base.isEmpty()
            || base.get().hook() != Hook.FORWARD
            || base.get().policy() != Policy.DROP) {
          continue;
        }
        List<Rule> wanted = forward.map(InitNat::acceptRules).orElse(List.of());
        List<Rule> missing = missing(table, wanted);
        Optional<String> iptablesChain = iptablesChain(table, chain, config);
        // Only a table iptables-nft made can hold a rule with an xtables match.
        Optional<XtablesReply> unread =
            iptablesChain.isPresent() ? xtablesReply(table, missing) : Optional.empty();
        Optional<Set<String>> states = Optional.empty();
        if (unread.isPresent()) {
          states = listedStates(text, table, unread.get().chain(), missing.get(0));
        }
        boolean replies = states.map(InitNat::acceptsReplies).orElse(true);
        if (!wanted.isEmpty() && (missing.isEmpty() || (unread.isPresent() && replies))) {
          log.info(
              "table "
                  + table.ref()
                  + " has chain "
                  + chain.name()
                  + " on the forward hook with policy drop, and has rules that accept the VPN"
                  + " clients' traffic (init-nat does not check what comes before them"
                  + (unread.isPresent() && states.isEmpty()
                      ? unreadStates(table, unread.get())
                      : "")
                  + ")");
          continue;
        }
        log.warn(
            "table "
                + table.ref()
                + " has chain "
                + chain.name()
                + " on the forward hook with policy drop: it drops the VPN clients' traffic"
                + " unless one of its own rules accepts it, whatever table inet "
                + ours.name()
                + " allows; init-nat leaves other tables alone. Allow the traffic there, e.g.:");
        // Docker asks for its users' rules in DOCKER-USER, which its FORWARD chain jumps to.
        String target = table.chain("DOCKER-USER").isPresent() ? "DOCKER-USER" : chain.name();
        // The advice is for what is missing: a rule that is there already is not asked for twice.
        List<Rule> advised = missing.isEmpty() ? wanted : missing;
        for (Rule rule : advised) {
          log.warnDetail(
              "nft insert rule " + table.ref() + " " + target + " " + NftText.rule(rule));
        }
        List<String> iptables = iptablesRules(table, chain, config);
        String lead = "or, as iptables made this table: ";
        for (int i = 0; i < iptables.size() && i < wanted.size(); i++) {
          if (advised.contains(wanted.get(i))) {
            log.warnDetail(lead + iptables.get(i));
            lead = "and: ";
          }
        }
        if (states.isPresent() && !replies) {
          Set<String> left = new TreeSet<>(REPLY_STATES);
          left.removeAll(states.get());
          log.warnDetail(
              "(its rule in "
                  + unread.get().chain()
                  + " for the replies takes ct state "
                  + String.join(",", states.get())
                  + ", which leaves out "
                  + String.join(" and ", left)
                  + ")");
        }
      }
    }
    warnAboutLegacyIptables();
  }

  /**
   * Returns the states of the rule iptables-nft made for {@code reply} in chain {@code chain} of
   * {@code table}, as nft's text listing writes them where nft translates its xtables match (as it
   * does when built with libxtables); or empty where the text does not show them.
   */
  private static Optional<Set<String>> listedStates(
      Optional<TextListing> text, Table table, String chain, Rule reply) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String written = NftText.rule(reply);
    int ct = written.indexOf(" ct state ");
    if (ct < 0) {
      return Optional.empty();
    }
    String interfaces = written.substring(0, ct + 1);
    for (String line : text.get().rules(table.ref().toString(), chain)) {
      Matcher states = CT_STATES.matcher(line);
      if (line.startsWith(interfaces) && line.endsWith(" accept") && states.find()) {
        return Optional.of(new TreeSet<>(Arrays.asList(states.group(1).split(","))));
      }
    }
    return Optional.empty();
  }

  private static boolean acceptsReplies(Set<String> states) {
    return states.containsAll(REPLY_STATES);
  }

  /**
   * Warns where iptables-legacy has a filter table in this network namespace: nft cannot list it,
   * so a FORWARD chain there that drops the clients' traffic cannot be seen.
   */
  private void warnAboutLegacyIptables() {
    for (String command : host.legacyFilterTables()) {
      log.warn(
          command
              + " has table filter in this network namespace, which nft cannot list: if its"
              + " FORWARD chain drops forwarded traffic, clients get no internet, and init-nat"
              + " cannot tell (check with "
              + command
              + " -S FORWARD)");
    }
  }

  /**
   * Returns the rules of {@code wanted} that no chain of {@code table} (the base chain, or one it
   * jumps to, such as DOCKER-USER) has, counters aside: none are missing once the warning's nft
   * advice was followed.
   */
  private static List<Rule> missing(Table table, List<Rule> wanted) {
    List<List<Statement>> present = new ArrayList<>();
    for (Chain chain : table.chains()) {
      for (Rule rule : chain.rules()) {
        present.add(withoutCounters(rule));
      }
    }
    return wanted.stream()
        .filter(rule -> !present.contains(withoutCounters(rule)))
        .collect(Collectors.toList());
  }

  /** A rule iptables-nft made from the reply rule: the xtables match in it, and its chain. */
  private record XtablesReply(String match, String chain) {}

  /**
   * Returns the rule iptables-nft made from the warning's iptables advice for the reply rule, if
   * {@code missing} is that reply rule alone and a chain of {@code table} has such a rule, counters
   * aside; or empty.
   *
   * <p>iptables-nft makes {@code -m conntrack --ctstate ESTABLISHED,RELATED} an xtables match (and
   * {@code -m state}, which some versions keep under that name), and nft lists one in JSON by its
   * name alone: {@code --ctstate NEW} lists the same. So the rule is recognised here by what the
   * JSON shows (the interfaces, a match of that name, accept), and its states are read from the
   * text listing, where nft translates them ({@link #listedStates}).
   */
  private static Optional<XtablesReply> xtablesReply(Table table, List<Rule> missing) {
    if (missing.size() != 1 || !missing.get(0).statements().contains(REPLIES)) {
      return Optional.empty();
    }
    List<Statement> reply = withoutCounters(missing.get(0));
    for (Chain chain : table.chains()) {
      List<List<Statement>> present =
          chain.rules().stream().map(InitNat::withoutCounters).collect(Collectors.toList());
      for (String name : List.of("conntrack", "state")) {
        List<Statement> xtables = new ArrayList<>(reply);
        xtables.set(reply.indexOf(REPLIES), xtablesMatch(name));
        if (present.contains(xtables)) {
          return Optional.of(new XtablesReply(name, chain.name()));
        }
      }
    }
    return Optional.empty();
  }

  /** Returns an xtables match as nft lists it in JSON: by its name alone. */
  private static RawStatement xtablesMatch(String name) {
    return new RawStatement("{\"xt\": {\"type\": \"match\", \"name\": \"" + name + "\"}}");
  }

  private static String unreadStates(Table table, XtablesReply reply) {
    String command = table.family() == Family.IP ? "iptables" : "ip6tables";
    return ", nor which states the reply rule's iptables match "
        + reply.match()
        + " in "
        + reply.chain()
        + " takes: nft lists it without them; "
        + command
        + " -S "
        + reply.chain()
        + " shows them";
  }

  private static List<Statement> withoutCounters(Rule rule) {
    return rule.statements().stream()
        .filter(statement -> !(statement instanceof Counter))
        .collect(Collectors.toList());
  }

  /**
   * The same rules for iptables, for a table iptables-nft made (ip or ip6 filter with a FORWARD
   * chain): its owner may rebuild the table and drop rules added with nft. Docker asks for its
   * users' rules in DOCKER-USER. Only for one tunnel pattern and one uplink, which iptables can
   * take in one rule each way.
   */
  private static List<String> iptablesRules(Table table, Chain chain, NatConfig config) {
    Optional<String> chainName = iptablesChain(table, chain, config);
    if (chainName.isEmpty()) {
      return List.of();
    }
    String command = table.family() == Family.IP ? "iptables" : "ip6tables";
    String target = chainName.get();
    String tunnels = iptablesName(config.vpnInterfaces().get(0));
    String uplink = iptablesName(config.wanInterfaces().get(0));
    return List.of(
        command + " -I " + target + " -i " + tunnels + " -o " + uplink + " -j ACCEPT",
        command
            + " -I "
            + target
            + " -i "
            + uplink
            + " -o "
            + tunnels
            + " -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
  }

  /**
   * Returns the chain the iptables advice names for {@code chain} of {@code table}: DOCKER-USER
   * where the table has one, else FORWARD; or empty where there is no iptables advice.
   */
  private static Optional<String> iptablesChain(Table table, Chain chain, NatConfig config) {
    boolean iptables =
        table.name().equals("filter")
            && chain.name().equals("FORWARD")
            && (table.family() == Family.IP || table.family() == Family.IP6);
    if (!iptables || config.vpnInterfaces().size() != 1 || config.wanInterfaces().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(table.chain("DOCKER-USER").isPresent() ? "DOCKER-USER" : "FORWARD");
  }

  private static String iptablesName(InterfaceName name) {
    return name.isWildcard() ? name.name() + "+" : name.name();
  }

  /**
   * Lists the ruleset, or, where the ruleset's {@code text} shows some table that would make nft's
   * JSON listing abort, each other table on its own, leaving those out with a warning.
   */
  private List<Table> otherTables(NftBackend nft, Table ours, Optional<TextListing> text) {
    if (text.isEmpty() || !text.get().hasUnlistable()) {
      return nft.listRuleset();
    }
    List<Table> tables = new ArrayList<>();
    for (String ref : text.get().tables()) {
      if (ref.equals(ours.ref().toString())) {
        continue;
      }
      if (text.get().isDormant(ref)) {
        continue; // A dormant table drops nothing, and nft 1.0.6 cannot list it as JSON.
      }
      if (text.get().isUnlistable(ref)) {
        log.warn(
            "table "
                + ref
                + " has a set of interface wildcards that touch, which nft cannot list as JSON;"
                + " it is not checked for chains that drop forwarded traffic");
        continue;
      }
      String[] parts = ref.split(" ", 2);
      for (Family family : Family.values()) {
        if (family.keyword().equals(parts[0])) {
          nft.listTable(new TableRef(family, parts[1])).ifPresent(tables::add);
        }
      }
    }
    return tables;
  }

  private static boolean forwards(Family family) {
    return family == Family.IP || family == Family.IP6 || family == Family.INET;
  }

  private static List<Rule> acceptRules(Chain forward) {
    return forward.rules().stream()
        .filter(rule -> rule.statements().contains(Verdict.ACCEPT))
        .collect(Collectors.toList());
  }

  /**
   * Checks, then (if {@code write}) sets, the forwarding sysctls and the uplinks' accept_ra. Every
   * value is read first and written only when it is wrong; nothing is written unless everything
   * that needs writing can be.
   */
  private void forwarding(NatConfig config, boolean write)
      throws ConfigException, ForwardingException {
    Sysctls sysctls = host.sysctls();
    read(IPV4_FORWARD); // Fails first where /proc/sys is masked, before IPv6 seems missing.
    boolean ipv6 = sysctls.exists(IPV6_FORWARD);
    checkIpv6Nat(config, ipv6);

    List<Change> changes = new ArrayList<>();
    changes.add(new Change(IPV4_FORWARD, "1", ""));
    if (!config.ipv6Forward()) {
      log.info("IPV6_FORWARD=0: leaving " + IPV6_FORWARD + " as it is");
    } else if (!ipv6 && host.kernelHasIpv6()) {
      log.warn(
          "/proc/sys/net/ipv6 is missing though the kernel has IPv6 (is it masked?); skipping "
              + IPV6_FORWARD);
    } else if (!ipv6) {
      log.info("the kernel has no IPv6; skipping " + IPV6_FORWARD);
    } else {
      // Only switching forwarding on makes an uplink drop router advertisements; where it is on
      // already, accept_ra is as the host wants it.
      if (!read(IPV6_FORWARD).equals("1")) {
        changes.addAll(acceptRa(config));
      }
      changes.add(new Change(IPV6_FORWARD, "1", ipv4Only(config)));
    }

    List<Change> needed = new ArrayList<>();
    List<ForwardingException> refused = new ArrayList<>();
    for (Change change : changes) {
      String value = read(change.key());
      if (value.equals(change.value())) {
        log.info(change.key() + " is already " + change.value());
      } else {
        needed.add(change);
        try {
          checkWritable(change, value);
        } catch (ForwardingException e) {
          refused.add(e);
        }
      }
    }
    if (!refused.isEmpty()) {
      // Every refusal, so that the container's options can be fixed in one go.
      for (ForwardingException each : refused.subList(0, refused.size() - 1)) {
        log.error(each.getMessage());
      }
      throw refused.get(refused.size() - 1);
    }
    if (!write) {
      needed.forEach(c -> log.info("would set " + c.key() + " to " + c.value()));
      return;
    }
    for (Change change : needed) {
      set(change);
    }
  }

  /**
   * A sysctl and the value it must have.
   *
   * @param otherwise what else would do, for the message when it cannot be set; or empty
   */
  private record Change(String key, String value, String otherwise) {}

  /** An IPv6 sysctl is not needed by a VPN that is IPv4-only, unless it masquerades IPv6. */
  private static String ipv4Only(NatConfig config) {
    return config.ipv6Nat() ? "" : ", or set IPV6_FORWARD=0 if the VPN is IPv4-only";
  }

  /**
   * With forwarding on, an interface with accept_ra 1 ignores router advertisements, and the host
   * loses the address and default route they gave it; 2 accepts them while forwarding.
   */
  private List<Change> acceptRa(NatConfig config) {
    List<Change> changes = new ArrayList<>();
    List<String> present;
    try {
      present = host.interfaces();
    } catch (IOException e) {
      return changes;
    }
    for (String name : present) {
      InterfaceName candidate = InterfaceName.exact(name);
      if (config.wanInterfaces().stream().anyMatch(wan -> Coverage.matches(wan, candidate))) {
        String key = "net.ipv6.conf." + name + ".accept_ra";
        String disabled = "net.ipv6.conf." + name + ".disable_ipv6";
        try {
          if (host.sysctls().exists(key)
              && host.sysctls().read(key).equals("1")
              && !(host.sysctls().exists(disabled) && host.sysctls().read(disabled).equals("1"))) {
            changes.add(new Change(key, "2", ipv4Only(config)));
          }
        } catch (IOException e) {
          // Unreadable: leave it; forwarding is what matters.
        }
      }
    }
    return changes;
  }

  /** IPv6 NAT where no IPv6 packet is forwarded does nothing: a mistake worth reporting. */
  private void checkIpv6Nat(NatConfig config, boolean ipv6)
      throws ConfigException, ForwardingException {
    if (!config.ipv6Nat()) {
      return;
    }
    if (!ipv6 && host.kernelHasIpv6()) {
      throw new ConfigException(
          "IPV6_NAT: '1' but /proc/sys/net/ipv6 is missing though the kernel has IPv6 (is it"
              + " masked?), so IPv6 forwarding cannot be checked (unmask it, or set IPV6_NAT=0)");
    }
    if (!ipv6) {
      throw new ConfigException(
          "IPV6_NAT: '1' but the kernel has no IPv6 (the host was booted with ipv6.disable=1?),"
              + " so there is no IPv6 traffic to masquerade (set IPV6_NAT=0)");
    }
    if (!config.ipv6Forward() && !read(IPV6_FORWARD).equals("1")) {
      throw new ConfigException(
          "IPV6_NAT: '1' but IPV6_FORWARD=0 and "
              + IPV6_FORWARD
              + " is 0, so no IPv6 traffic is forwarded to masquerade (set IPV6_FORWARD=1)");
    }
  }

  /** Fails before anything is written if a sysctl that needs a change cannot take one. */
  private void checkWritable(Change change, String value) throws ForwardingException {
    try {
      host.sysctls().checkWritable(change.key());
    } catch (IOException e) {
      throw cannotSet(change, value, e);
    }
  }

  private ForwardingException cannotSet(Change change, String value, IOException e) {
    String key = change.key();
    String reason = Reasons.of(e);
    boolean unprivileged =
        reason.equals("operation not permitted") || reason.equals("permission denied");
    return new ForwardingException(
        key
            + " is "
            + value
            + " and cannot be set to "
            + change.value()
            + " ("
            + reason
            + "); start the container with --sysctl "
            + key
            + "="
            + change.value()
            + (unprivileged ? ", or give it NET_ADMIN (--cap-add NET_ADMIN)" : "")
            + change.otherwise());
  }

  private void set(Change change) throws ForwardingException {
    String before = read(change.key());
    try {
      host.sysctls().write(change.key(), change.value());
    } catch (IOException e) {
      throw cannotSet(change, before, e);
    }
    String after = read(change.key());
    if (!after.equals(change.value())) {
      throw new ForwardingException(
          change.key() + " is still " + after + " after writing " + change.value() + " to it");
    }
    log.info("set " + change.key() + " to " + change.value() + " (was " + before + ")");
  }

  private String read(String key) throws ForwardingException {
    try {
      return host.sysctls().read(key);
    } catch (IOException e) {
      String why =
          e instanceof NoSuchFileException ? "no such file: is /proc/sys masked?" : Reasons.of(e);
      throw new ForwardingException(
          key + " cannot be read from " + host.sysctls().path(key) + " (" + why + ")");
    }
  }

  private int nftFailed(NftException e) {
    switch (e.kind()) {
      case UNAVAILABLE:
        log.error(e.getMessage());
        return MISSING_FEATURE;
      case NOT_SUPPORTED:
        log.error(
            "the kernel lacks a feature the NAT table needs: "
                + e.getMessage()
                + " (the host kernel needs nf_tables, nf_nat, nft_chain_nat and nft_masq; NAT in"
                + " an inet table needs Linux 5.2 or later; MSS_CLAMP=0 leaves out the MSS"
                + " clamp)");
        log.detail(e);
        return MISSING_FEATURE;
      case PERMISSION_DENIED:
        log.error(
            "nftables refused: "
                + e.getMessage()
                + "; start the container with --cap-add NET_ADMIN (or, if table inet ocserv has"
                + " flags owner, stop the process that owns it)");
        log.detail(e);
        return TRANSACTION_FAILED;
      case SYNTAX:
      case NOT_FOUND:
      case ALREADY_EXISTS:
        // A refused transaction takes effect whole or not at all.
        log.error("nftables refused the NAT table; nothing was changed: " + e.getMessage());
        log.detail(e);
        return TRANSACTION_FAILED;
      default:
        log.error("nftables failed: " + e.getMessage());
        log.detail(e);
        return TRANSACTION_FAILED;
    }
  }

  private static String describe(NatConfig config) {
    return String.join(
        " ",
        "VPN_SUBNET=" + join(config.vpnSubnets()),
        "WAN_IF=" + join(config.wanInterfaces()),
        "VPN_IF=" + join(config.vpnInterfaces()),
        "IPV6_FORWARD=" + (config.ipv6Forward() ? 1 : 0),
        "IPV6_NAT=" + (config.ipv6Nat() ? 1 : 0),
        "IPV6_SUBNET=" + join(config.ipv6Subnets()),
        "MSS_CLAMP="
            + (config.mssClamp().isPresent() ? 1 : 0)
            + config.mssClamp().flatMap(InitNat::fixedSize).map(size -> " MSS=" + size).orElse(""));
  }

  private static Optional<Integer> fixedSize(MssClamp clamp) {
    return clamp.size().isPresent() ? Optional.of(clamp.size().getAsInt()) : Optional.empty();
  }

  private static String join(List<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.joining(","));
  }

  private static String summary(Table table) {
    return table.chains().stream()
        .map(chain -> chain.name() + ": " + count(chain))
        .collect(Collectors.joining(", "));
  }

  private static String count(Chain chain) {
    return count(chain.rules().size(), "rule");
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String version() {
    String version = InitNat.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }

  static String usage() {
    StringBuilder text =
        new StringBuilder(
            """
            Usage: init-nat [MODE] [--SETTING=VALUE ...]

            Switches on IP forwarding and installs the NAT table (table inet ocserv) that
            lets VPN clients reach the internet. Each setting is an environment variable or
            a flag; a flag wins over its variable.

            Modes:
            """);
    for (Mode mode : Mode.values()) {
      String flag = mode.flag() == null ? "(none)" : mode == Mode.HELP ? "-h, --help" : mode.flag();
      text.append(String.format("  %-16s %s%n", flag, mode.help()));
    }
    text.append("\nSettings:\n");
    for (Variable variable : Variable.values()) {
      text.append("  ")
          .append(variable.name())
          .append(", ")
          .append(variable.flag())
          .append("\n      ")
          .append(variable.help())
          .append("\n      default: ")
          .append(variable.defaultText())
          .append('\n');
    }
    text.append(
        """

        Exit codes: 0 applied or already in place, 1 unexpected failure, 2 configuration
        error, 3 forwarding or a sysctl could not be set, 4 kernel or nftables feature
        missing, 5 nftables refused the transaction or the table read back differs.
        """);
    return text.toString();
  }

  /** Forwarding could not be switched on. */
  static final class ForwardingException extends Exception {
    private static final long serialVersionUID = 1L;

    ForwardingException(String message) {
      super(message);
    }
  }

  /** The table read back is not the one applied. */
  static final class ReadBackException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<TableDiff.Change> changes;

    ReadBackException(String message, List<TableDiff.Change> changes) {
      super(message);
      this.changes = List.copyOf(changes);
    }

    List<TableDiff.Change> changes() {
      return changes;
    }
  }
}
