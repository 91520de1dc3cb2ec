package io.github.ocservnat.nat;

import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.IpPrefix;
import java.util.Objects;

/**
 * What a VPN server needs from NAT: which clients are masqueraded, on which uplink, and from which
 * tunnel interfaces traffic is forwarded. {@link NatRuleset} turns it into a table.
 *
 * <p>Every part has a default, chosen to match the ocserv-server image: table {@code ocserv}, VPN
 * subnet {@code 10.10.10.0/24}, uplink {@code eth0}, tunnel interfaces {@code vpns*}, IPv6 subnet
 * {@code fda9:4efe:7e3b:3ea::/64} (masqueraded only when IPv6 NAT is on), IPv6 forwarding on, IPv6
 * NAT off.
 */
public final class NatConfig {
  private final String tableName;
  private final IpPrefix vpnSubnet;
  private final IpPrefix ipv6Subnet;
  private final InterfaceName wanInterface;
  private final InterfaceName vpnInterface;
  private final boolean ipv6Forward;
  private final boolean ipv6Nat;

  private NatConfig(Builder builder) {
    this.tableName = builder.tableName;
    this.vpnSubnet = builder.vpnSubnet;
    this.ipv6Subnet = builder.ipv6Subnet;
    this.wanInterface = builder.wanInterface;
    this.vpnInterface = builder.vpnInterface;
    this.ipv6Forward = builder.ipv6Forward;
    this.ipv6Nat = builder.ipv6Nat;
  }

  /** Returns the configuration with every default. */
  public static NatConfig defaults() {
    return builder().build();
  }

  /** Starts a configuration from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the name of the {@code inet} table that holds the rules; default {@code ocserv}. */
  public String tableName() {
    return tableName;
  }

  /** Returns the IPv4 subnet the VPN leases to clients, masqueraded on the uplink. */
  public IpPrefix vpnSubnet() {
    return vpnSubnet;
  }

  /** Returns the IPv6 subnet the VPN leases to clients, masqueraded if {@link #ipv6Nat()}. */
  public IpPrefix ipv6Subnet() {
    return ipv6Subnet;
  }

  /** Returns the uplink: where client traffic leaves for the internet. */
  public InterfaceName wanInterface() {
    return wanInterface;
  }

  /** Returns the tunnel interfaces client traffic arrives on, usually a wildcard. */
  public InterfaceName vpnInterface() {
    return vpnInterface;
  }

  /** Returns whether IPv6 forwarding is switched on. */
  public boolean ipv6Forward() {
    return ipv6Forward;
  }

  /** Returns whether the IPv6 subnet is masqueraded too. */
  public boolean ipv6Nat() {
    return ipv6Nat;
  }

  /** Returns a builder holding this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .tableName(tableName)
        .vpnSubnet(vpnSubnet)
        .ipv6Subnet(ipv6Subnet)
        .wanInterface(wanInterface)
        .vpnInterface(vpnInterface)
        .ipv6Forward(ipv6Forward)
        .ipv6Nat(ipv6Nat);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NatConfig that
        && tableName.equals(that.tableName)
        && vpnSubnet.equals(that.vpnSubnet)
        && ipv6Subnet.equals(that.ipv6Subnet)
        && wanInterface.equals(that.wanInterface)
        && vpnInterface.equals(that.vpnInterface)
        && ipv6Forward == that.ipv6Forward
        && ipv6Nat == that.ipv6Nat;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        tableName, vpnSubnet, ipv6Subnet, wanInterface, vpnInterface, ipv6Forward, ipv6Nat);
  }

  @Override
  public String toString() {
    return "NatConfig{table=inet "
        + tableName
        + ", vpnSubnet="
        + vpnSubnet
        + ", ipv6Subnet="
        + ipv6Subnet
        + ", wanInterface="
        + wanInterface
        + ", vpnInterface="
        + vpnInterface
        + ", ipv6Forward="
        + ipv6Forward
        + ", ipv6Nat="
        + ipv6Nat
        + "}";
  }

  /** Collects a {@link NatConfig}; each setter checks its own argument. */
  public static final class Builder {
    private String tableName = "ocserv";
    private IpPrefix vpnSubnet = IpPrefix.parse("10.10.10.0/24");
    private IpPrefix ipv6Subnet = IpPrefix.parse("fda9:4efe:7e3b:3ea::/64");
    private InterfaceName wanInterface = InterfaceName.exact("eth0");
    private InterfaceName vpnInterface = InterfaceName.prefix("vpns");
    private boolean ipv6Forward = true;
    private boolean ipv6Nat = false;

    private Builder() {}

    /** Sets the table name; default {@code ocserv}. Checked when the table is built. */
    public Builder tableName(String tableName) {
      this.tableName = Objects.requireNonNull(tableName, "tableName");
      return this;
    }

    /**
     * Sets the IPv4 VPN subnet; default {@code 10.10.10.0/24}.
     *
     * @throws InvalidValueException if it is an IPv6 prefix, or /0
     */
    public Builder vpnSubnet(IpPrefix vpnSubnet) {
      if (!vpnSubnet.isIpv4()) {
        throw new InvalidValueException(
            "vpnSubnet", vpnSubnet.keyword(), "is an IPv6 prefix; the VPN subnet is IPv4");
      }
      checkNotEverything("vpnSubnet", vpnSubnet);
      this.vpnSubnet = vpnSubnet;
      return this;
    }

    /**
     * Sets the IPv6 VPN subnet; default {@code fda9:4efe:7e3b:3ea::/64}.
     *
     * @throws InvalidValueException if it is an IPv4 prefix, or /0
     */
    public Builder ipv6Subnet(IpPrefix ipv6Subnet) {
      if (ipv6Subnet.isIpv4()) {
        throw new InvalidValueException(
            "ipv6Subnet", ipv6Subnet.keyword(), "is an IPv4 prefix; the IPv6 subnet is IPv6");
      }
      checkNotEverything("ipv6Subnet", ipv6Subnet);
      this.ipv6Subnet = ipv6Subnet;
      return this;
    }

    /** Sets the uplink; default {@code eth0}. */
    public Builder wanInterface(InterfaceName wanInterface) {
      this.wanInterface = Objects.requireNonNull(wanInterface, "wanInterface");
      return this;
    }

    /** Sets the tunnel interfaces; default {@code vpns*}. */
    public Builder vpnInterface(InterfaceName vpnInterface) {
      this.vpnInterface = Objects.requireNonNull(vpnInterface, "vpnInterface");
      return this;
    }

    /** Sets whether IPv6 forwarding is switched on; default on. */
    public Builder ipv6Forward(boolean ipv6Forward) {
      this.ipv6Forward = ipv6Forward;
      return this;
    }

    /** Sets whether the IPv6 subnet is masqueraded; default off. */
    public Builder ipv6Nat(boolean ipv6Nat) {
      this.ipv6Nat = ipv6Nat;
      return this;
    }

    private static void checkNotEverything(String field, IpPrefix subnet) {
      if (subnet.length() == 0) {
        throw new InvalidValueException(
            field,
            subnet.keyword(),
            "covers every address; masquerading it would rewrite all traffic leaving the"
                + " uplink, not just the VPN clients'");
      }
    }

    /**
     * Builds the configuration.
     *
     * @throws InvalidValueException if the uplink and the tunnel interfaces can be the same
     *     interface: forwarding from one to the other would then forward anything
     */
    public NatConfig build() {
      if (wanInterface.overlaps(vpnInterface)) {
        throw new InvalidValueException(
            "wanInterface",
            wanInterface.keyword(),
            "matches interfaces that vpnInterface '"
                + vpnInterface.keyword()
                + "' matches too; the uplink and the tunnels must be different interfaces");
      }
      return new NatConfig(this);
    }
  }
}
