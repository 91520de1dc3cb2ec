package io.github.ocservnat.nft.model;

/** A netfilter hook: the point in the kernel's packet path where a base chain is attached. */
public enum Hook implements Keyword {
  /** Before the routing decision, for every incoming packet. */
  PREROUTING("prerouting"),
  /** Packets addressed to this host. */
  INPUT("input"),
  /** Packets routed through this host, from one interface to another. */
  FORWARD("forward"),
  /** Packets this host sends. */
  OUTPUT("output"),
  /** After the routing decision, for every outgoing packet. */
  POSTROUTING("postrouting"),
  /** Netdev and inet families: packets as they enter a device. */
  INGRESS("ingress"),
  /** Netdev family: packets as they leave a device. */
  EGRESS("egress");

  private final String keyword;

  Hook(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
