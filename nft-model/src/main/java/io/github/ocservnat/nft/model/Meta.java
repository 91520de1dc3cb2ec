package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * Packet metadata the kernel knows without reading the packet, such as the interface it came in on.
 *
 * @param key which piece of metadata
 */
public record Meta(Key key) implements Expression {
  /** The metadata keys the model knows. */
  public enum Key implements Keyword {
    /** The name of the interface the packet came in on; a string match, wildcards allowed. */
    IIFNAME("iifname", "iifname", Datatype.IFNAME),
    /** The name of the interface the packet goes out on; a string match, wildcards allowed. */
    OIFNAME("oifname", "oifname", Datatype.IFNAME),
    /** The index of the interface the packet came in on; the interface must exist. */
    IIF("iif", "iif", Datatype.IFACE_INDEX),
    /** The index of the interface the packet goes out on; the interface must exist. */
    OIF("oif", "oif", Datatype.IFACE_INDEX),
    /** The layer 3 protocol in an inet table: ipv4 or ipv6. */
    NFPROTO("nfproto", "meta nfproto", Datatype.NFPROTO),
    /** The layer 4 protocol, after any IPv6 extension headers. */
    L4PROTO("l4proto", "meta l4proto", Datatype.INET_PROTO),
    /** The packet mark. */
    MARK("mark", "meta mark", Datatype.MARK);

    private final String keyword;
    private final String text;
    private final Datatype datatype;

    Key(String keyword, String text, Datatype datatype) {
      this.keyword = keyword;
      this.text = text;
      this.datatype = datatype;
    }

    /** Returns the key as libnftables JSON names it, such as {@code l4proto}. */
    @Override
    public String keyword() {
      return keyword;
    }
  }

  /** Checks the key. */
  public Meta {
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String keyword() {
    return key.text;
  }

  @Override
  public Datatype datatype() {
    return key.datatype;
  }
}
