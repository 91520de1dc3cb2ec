package io.github.ocservnat.nft.model;

/** An nftables address family: which packets the tables of that family see. */
public enum Family implements Keyword {
  /** IPv4 packets. */
  IP("ip"),
  /** IPv6 packets. */
  IP6("ip6"),
  /** IPv4 and IPv6 packets in one table; NAT chains in it need Linux 5.2 or later. */
  INET("inet"),
  /** ARP packets. */
  ARP("arp"),
  /** Packets crossing a bridge. */
  BRIDGE("bridge"),
  /** Packets at ingress or egress of one device. */
  NETDEV("netdev");

  private final String keyword;

  Family(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
