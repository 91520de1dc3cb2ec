package io.github.ocservnat.benchmarks;

import io.github.ocservnat.nft.model.AnonymousSet;
import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.ChainType;
import io.github.ocservnat.nft.model.Counter;
import io.github.ocservnat.nft.model.CtState;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.Masquerade;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.Port;
import io.github.ocservnat.nft.model.Priority;
import io.github.ocservnat.nft.model.Rule;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.Verdict;

/** The rulesets the benchmarks render, read and apply: the same for every run. */
final class Rulesets {
  private Rulesets() {}

  /**
   * Returns a table of {@code rules} rules of the kinds a VPN gateway has: per-client accepts in
   * forward, with ports and states, and per-client masquerades in postrouting.
   */
  static Table vpnGateway(int rules) {
    Chain.Builder forward =
        Chain.builder("forward").base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER);
    Chain.Builder postrouting =
        Chain.builder("postrouting").base(ChainType.NAT, Hook.POSTROUTING, Priority.SRCNAT);
    InterfaceName uplink = InterfaceName.exact("eth0");
    for (int i = 0; i < rules; i++) {
      IpPrefix client =
          IpPrefix.host("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
      InterfaceName tunnel = InterfaceName.exact("vpns" + (i % 1000));
      switch (i % 4) {
        case 0 ->
            forward.rule(
                Rule.of(
                    Match.iifname(tunnel),
                    Match.saddr(client),
                    Match.oifname(uplink),
                    Verdict.ACCEPT));
        case 1 ->
            forward.rule(
                Rule.of(
                    Match.iifname(uplink),
                    Match.daddr(client),
                    Match.ctState(CtState.ESTABLISHED, CtState.RELATED),
                    Counter.anonymous(),
                    Verdict.ACCEPT));
        case 2 ->
            forward.rule(
                Rule.of(
                    Match.saddr(client),
                    Match.tcpDport(AnonymousSet.of(Port.of(25), Port.of(465), Port.of(587))),
                    Verdict.DROP));
        default ->
            postrouting.rule(Rule.of(Match.saddr(client), Match.oifname(uplink), new Masquerade()));
      }
    }
    return Table.builder(Family.INET, "bench")
        .chain(forward.build())
        .chain(postrouting.build())
        .build();
  }
}
