package io.github.ocservnat.nft.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random tables the kernel must accept: every object and statement the model knows, in the chains
 * where the kernel allows it, with the dependencies it needs (a TCP match before a TCP reset, a SYN
 * match before an MSS clamp). Values that nft would merge or reorder on its own (adjacent ranges,
 * overlapping prefixes, one-element anonymous sets) are not generated, so that what is listed back
 * must equal what was built.
 */
final class RandomTables {
  /** The kinds of base chain generated, with where each sits. */
  private enum Kind {
    INPUT(ChainType.FILTER, Hook.INPUT),
    FORWARD(ChainType.FILTER, Hook.FORWARD),
    OUTPUT(ChainType.FILTER, Hook.OUTPUT),
    SNAT(ChainType.NAT, Hook.POSTROUTING),
    DNAT(ChainType.NAT, Hook.PREROUTING),
    REGULAR(null, null);

    private final ChainType type;
    private final Hook hook;

    Kind(ChainType type, Hook hook) {
      this.type = type;
      this.hook = hook;
    }
  }

  private RandomTables() {}

  static Arbitrary<Table> tables() {
    Arbitrary<Family> family = Arbitraries.of(Family.INET, Family.INET, Family.IP);
    return family.flatMap(RandomTables::tables);
  }

  private static Arbitrary<Table> tables(Family family) {
    Arbitrary<List<Kind>> baseKinds =
        Arbitraries.of(Kind.INPUT, Kind.FORWARD, Kind.OUTPUT, Kind.SNAT, Kind.DNAT)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .uniqueElements();
    Arbitrary<Integer> regulars = Arbitraries.integers().between(0, 2);
    Arbitrary<Boolean> withSets = Arbitraries.of(true, false);
    return Combinators.combine(baseKinds, regulars, withSets)
        .flatAs((kinds, regularCount, sets) -> table(family, kinds, regularCount, sets));
  }

  private static Arbitrary<Table> table(
      Family family, List<Kind> bases, int regularCount, boolean withSets) {
    List<String> regularNames = new ArrayList<>();
    for (int i = 0; i < regularCount; i++) {
      regularNames.add("sub" + i);
    }
    Arbitrary<List<NamedSet>> sets =
        withSets
            ? Arbitraries.just(List.of()).flatMap(x -> namedSets())
            : Arbitraries.just(List.of());

    return sets.flatMap(
        namedSets -> {
          Context context = new Context(family, regularNames, namedSets);
          List<Arbitrary<Chain>> chains = new ArrayList<>();
          for (int i = 0; i < bases.size(); i++) {
            chains.add(chain("base" + i, bases.get(i), context));
          }
          for (String name : regularNames) {
            chains.add(chain(name, Kind.REGULAR, context));
          }
          return Combinators.combine(chains)
              .as(
                  built -> {
                    Table.Builder table = Table.builder(family, "rand");
                    namedSets.forEach(table::set);
                    table.counter(new NamedCounter("hits"));
                    table.map(
                        NamedMap.builder("backends", Datatype.INET_SERVICE, Datatype.IPV4_ADDR)
                            .entry(Port.of(80), IpPrefix.host("192.0.2.10"))
                            .entry(Port.of(443), IpPrefix.host("192.0.2.11"))
                            .build());
                    built.forEach(table::chain);
                    return table.build();
                  });
        });
  }

  /** What a rule may refer to. */
  private record Context(Family family, List<String> regularChains, List<NamedSet> sets) {
    boolean inet() {
      return family == Family.INET;
    }
  }

  private static Arbitrary<List<NamedSet>> namedSets() {
    Arbitrary<NamedSet> addresses =
        Arbitraries.of(disjointPrefixes())
            .list()
            .ofMaxSize(4)
            .uniqueElements()
            .map(
                elements ->
                    NamedSet.builder("nets", Datatype.IPV4_ADDR)
                        .flags(SetFlag.INTERVAL)
                        .elements(elements)
                        .build());
    Arbitrary<NamedSet> ports =
        Arbitraries.integers()
            .between(1, 65535)
            .list()
            .ofMaxSize(5)
            .uniqueElements()
            .map(
                numbers ->
                    NamedSet.builder("ports", Datatype.INET_SERVICE)
                        .elements(numbers.stream().map(Port::of).toList())
                        .build());
    Arbitrary<NamedSet> names =
        interfaceNames(false)
            .list()
            .ofMaxSize(3)
            .uniqueElements()
            .map(elements -> NamedSet.builder("ifs", Datatype.IFNAME).elements(elements).build());
    Arbitrary<NamedSet> pairs =
        Arbitraries.integers()
            .between(1, 250)
            .list()
            .ofMaxSize(3)
            .uniqueElements()
            .map(
                hosts -> {
                  NamedSet.Builder set =
                      NamedSet.builder("pairs", Datatype.IPV4_ADDR, Datatype.INET_SERVICE)
                          .timeout(Duration.ofMinutes(30));
                  hosts.forEach(
                      h -> set.elements(Concat.of(IpPrefix.host("192.0.2." + h), Port.of(22))));
                  return set.build();
                });
    return Combinators.combine(addresses, ports, names, pairs).as(List::of);
  }

  private static List<IpPrefix> disjointPrefixes() {
    List<IpPrefix> prefixes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      prefixes.add(IpPrefix.parse("198.51." + (i * 10) + ".0/24"));
    }
    prefixes.add(IpPrefix.host("203.0.113.7"));
    prefixes.add(IpPrefix.parse("10.0.0.0/8"));
    return prefixes;
  }

  static Arbitrary<InterfaceName> interfaceNames(boolean wildcards) {
    Arbitrary<String> name =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('0', '1', '9', '-', '_', '.', '+', '@', '=', '%')
            .ofMinLength(1)
            .ofMaxLength(14)
            .filter(s -> !s.equals(".") && !s.equals("..") && !s.startsWith("@"));
    if (!wildcards) {
      return name.map(InterfaceName::exact);
    }
    return Combinators.combine(name, Arbitraries.of(true, false))
        .as((n, wildcard) -> wildcard ? InterfaceName.prefix(n) : InterfaceName.exact(n));
  }

  private static Arbitrary<Chain> chain(String name, Kind kind, Context context) {
    Arbitrary<Optional<BaseChain>> base;
    if (kind == Kind.REGULAR) {
      base = Arbitraries.just(Optional.empty());
    } else {
      Arbitrary<Policy> policy =
          kind.type == ChainType.NAT
              ? Arbitraries.just(Policy.ACCEPT)
              : Arbitraries.of(Policy.class);
      StandardPriority standard =
          kind == Kind.SNAT
              ? StandardPriority.SRCNAT
              : kind == Kind.DNAT ? StandardPriority.DSTNAT : StandardPriority.FILTER;
      base =
          Combinators.combine(policy, Arbitraries.integers().between(-5, 5))
              .as(
                  (p, offset) ->
                      Optional.of(
                          new BaseChain(kind.type, kind.hook, Priority.of(standard, offset), p)));
    }
    // Builders are mutable: make a new one for each chain generated, never share one.
    return Combinators.combine(base, rule(kind, context).list().ofMaxSize(5))
        .as(
            (b, rules) -> {
              Chain.Builder chain = Chain.builder(name);
              b.ifPresent(chain::base);
              rules.forEach(chain::rule);
              return chain.build();
            });
  }

  private static Arbitrary<Rule> rule(Kind kind, Context context) {
    Arbitrary<List<Statement>> matches = match(context).list().ofMaxSize(3);
    Arbitrary<Optional<Statement>> middle = middle(kind).optional(0.4);
    Arbitrary<List<Statement>> ending = ending(kind, context);
    Arbitrary<Optional<String>> comment =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars(' ', ':', '-')
            .ofMinLength(1)
            .ofMaxLength(20)
            .optional(0.2);
    return Combinators.combine(matches, middle, ending, comment)
        .as(
            (m, mid, end, c) -> {
              List<Statement> statements = new ArrayList<>(m);
              mid.ifPresent(statements::add);
              statements.addAll(end);
              if (statements.isEmpty()) {
                statements.add(Verdict.ACCEPT);
              }
              Rule rule = Rule.of(statements);
              return c.map(rule::withComment).orElse(rule);
            })
        // Rules whose matches need two protocols at once are refused by the model.
        .ignoreException(InvalidValueException.class);
  }

  private static Arbitrary<Statement> match(Context context) {
    List<Arbitrary<Statement>> choices = new ArrayList<>();
    choices.add(interfaceNames(true).map(Match::iifname));
    choices.add(interfaceNames(true).map(n -> Match.oifname(n).negate()));
    choices.add(Arbitraries.just(Match.of(new Meta(Meta.Key.IIF), InterfaceName.exact("lo"))));
    choices.add(Arbitraries.of(disjointPrefixes()).map(Match::saddr));
    choices.add(Arbitraries.of(disjointPrefixes()).map(p -> Match.daddr(p).negate()));
    choices.add(Arbitraries.integers().between(1, 65535).map(p -> Match.tcpDport(Port.of(p))));
    choices.add(
        Arbitraries.integers()
            .between(1, 6000)
            .map(p -> Match.udpDport(Range.ports(p * 10, p * 10 + 5))));
    choices.add(
        Arbitraries.integers()
            .between(1, 600)
            .set()
            .ofMinSize(2)
            .ofMaxSize(5)
            .map(
                ports ->
                    Match.tcpDport(
                        new AnonymousSet(
                            ports.stream().map(p -> (Value) Port.of(p * 100)).toList()))));
    choices.add(
        Arbitraries.of(L4Proto.TCP, L4Proto.UDP, L4Proto.ICMP, L4Proto.GRE).map(Match::l4proto));
    choices.add(
        Arbitraries.just(
            Match.of(new Meta(Meta.Key.L4PROTO), AnonymousSet.of(L4Proto.TCP, L4Proto.UDP))));
    choices.add(
        Arbitraries.of(CtState.class)
            .set()
            .ofMinSize(1)
            .map(states -> Match.of(new Ct(Ct.Key.STATE), flags(states))));
    choices.add(
        Arbitraries.of(CtStatus.SNAT, CtStatus.DNAT, CtStatus.ASSURED)
            .map(s -> Match.of(new Ct(Ct.Key.STATUS), FlagSet.ctStatuses(s))));
    choices.add(
        Arbitraries.longs()
            .between(0, 0xffff_ffffL)
            .map(m -> Match.of(new Meta(Meta.Key.MARK), Mark.of(m))));
    choices.add(
        Arbitraries.longs().between(1, 1000).map(m -> Match.of(new Ct(Ct.Key.MARK), Mark.of(m))));
    choices.add(
        Arbitraries.just(
            Match.tcpFlags(
                FlagSet.tcpFlags(TcpFlag.SYN),
                FlagSet.tcpFlags(TcpFlag.SYN, TcpFlag.RST, TcpFlag.ACK))));
    if (context.inet()) {
      choices.add(Arbitraries.of(NfProto.class).map(Match::nfproto));
      choices.add(
          Arbitraries.of("2001:db8::/32", "2001:db8:1::/48", "2001:db8::1")
              .map(p -> Match.saddr(p.contains("/") ? IpPrefix.parse(p) : IpPrefix.host(p))));
    }
    for (NamedSet set : context.sets()) {
      if (set.type().equals(List.of(Datatype.IPV4_ADDR))) {
        choices.add(
            Arbitraries.just(
                Match.of(new Payload(Payload.Field.IP_SADDR), SetReference.to(set.name()))));
      } else if (set.type().equals(List.of(Datatype.INET_SERVICE))) {
        choices.add(Arbitraries.just(Match.tcpDport(SetReference.to(set.name())).negate()));
      } else if (set.type().equals(List.of(Datatype.IFNAME))) {
        choices.add(
            Arbitraries.just(Match.of(new Meta(Meta.Key.OIFNAME), SetReference.to(set.name()))));
      }
    }
    return Arbitraries.oneOf(choices);
  }

  private static FlagSet<CtState> flags(Set<CtState> states) {
    List<CtState> list = new ArrayList<>(states);
    return FlagSet.ctStates(list.get(0), list.subList(1, list.size()).toArray(new CtState[0]));
  }

  private static Arbitrary<Statement> middle(Kind kind) {
    List<Arbitrary<Statement>> choices = new ArrayList<>();
    choices.add(Arbitraries.just(Counter.anonymous()));
    choices.add(Arbitraries.just(Counter.named("hits")));
    choices.add(
        Combinators.combine(
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withChars(' ', ':')
                    .ofMaxLength(30)
                    .optional(),
                Arbitraries.of(LogLevel.EMERG, LogLevel.WARN, LogLevel.INFO, LogLevel.DEBUG)
                    .optional())
            .as(Log::new));
    choices.add(
        Combinators.combine(
                Arbitraries.longs().between(1, 1000),
                Arbitraries.of(Limit.Unit.class),
                Arbitraries.integers().between(1, 50),
                Arbitraries.of(true, false))
            .as(Limit::new));
    choices.add(Arbitraries.longs().between(0, 0xffff).map(m -> new MarkSet(Mark.of(m))));
    return Arbitraries.oneOf(choices);
  }

  /** The end of a rule: a verdict or terminal statement, with what it needs before it. */
  private static Arbitrary<List<Statement>> ending(Kind kind, Context context) {
    List<Arbitrary<List<Statement>>> choices = new ArrayList<>();
    choices.add(Arbitraries.just(List.of()));
    choices.add(
        Arbitraries.of(Verdict.ACCEPT, Verdict.DROP, Verdict.CONTINUE, Verdict.RETURN)
            .map(List::of));
    if (kind != Kind.REGULAR) {
      for (String chain : context.regularChains()) {
        choices.add(Arbitraries.of(Verdict.jump(chain), Verdict.goTo(chain)).map(List::of));
      }
    }
    if (kind == Kind.INPUT || kind == Kind.FORWARD || kind == Kind.OUTPUT) {
      choices.add(Arbitraries.just(List.of(Match.l4proto(L4Proto.TCP), Reject.tcpReset())));
      choices.add(
          Arbitraries.of("port-unreachable", "admin-prohibited", "host-unreachable")
              .map(
                  c ->
                      List.of(
                          Reject.with(context.inet() ? Reject.Type.ICMPX : Reject.Type.ICMP, c))));
    }
    if (kind == Kind.FORWARD || kind == Kind.OUTPUT) {
      choices.add(Arbitraries.just(List.of(Match.tcpSyn(), MssClamp.toRouteMtu())));
      choices.add(
          Arbitraries.integers()
              .between(536, 1460)
              .map(s -> List.of(Match.tcpSyn(), MssClamp.to(s))));
    }
    if (kind == Kind.SNAT) {
      choices.add(
          Arbitraries.of(NatFlag.class)
              .set()
              .map(
                  f ->
                      List.of(
                          new Masquerade(
                              Optional.empty(),
                              f.isEmpty() ? EnumSet.noneOf(NatFlag.class) : EnumSet.copyOf(f)))));
      choices.add(
          Arbitraries.just(List.of(Match.l4proto(L4Proto.UDP), Masquerade.toPorts(1024, 65535))));
      choices.add(
          Arbitraries.integers()
              .between(1, 250)
              .map(h -> List.of(Nat.snat(IpPrefix.host("198.51.100." + h)))));
    }
    if (kind == Kind.DNAT) {
      choices.add(
          Arbitraries.integers()
              .between(1, 250)
              .map(
                  h ->
                      List.of(
                          Match.tcpDport(Port.of(8080)),
                          Nat.dnat(IpPrefix.host("192.0.2." + h), 80))));
      if (context.inet()) {
        choices.add(Arbitraries.just(List.of(Nat.dnat(IpPrefix.host("2001:db8::10")))));
      }
    }
    return Arbitraries.oneOf(choices);
  }
}
