package io.github.ocservnat.nft.model;

/** Tables several tests use. */
final class Fixtures {
  private static final InterfaceName VPN = InterfaceName.parse("vpns*");
  private static final InterfaceName WAN = InterfaceName.parse("eth0");

  private Fixtures() {}

  /** The ocserv NAT table, with the IPv6 masquerade when {@code ipv6}. */
  static Table natTable(boolean ipv6) {
    Chain forward =
        Chain.builder("forward")
            .base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER)
            .rule(Match.iifname(VPN), Match.oifname(WAN), Verdict.ACCEPT)
            .rule(
                Match.iifname(WAN),
                Match.oifname(VPN),
                Match.ctState(CtState.RELATED, CtState.ESTABLISHED),
                Verdict.ACCEPT)
            .build();
    Chain.Builder postrouting =
        Chain.builder("postrouting")
            .base(ChainType.NAT, Hook.POSTROUTING, Priority.SRCNAT)
            .rule(
                Match.saddr(IpPrefix.parse("10.10.10.0/24")), Match.oifname(WAN), new Masquerade());
    if (ipv6) {
      postrouting.rule(
          Match.saddr(IpPrefix.parse("fda9:4efe:7e3b:03ea::/64")),
          Match.oifname(WAN),
          new Masquerade());
    }
    return Table.builder(Family.INET, "ocserv").chain(forward).chain(postrouting.build()).build();
  }
}
