package io.github.ocservnat.nat;

import com.google.common.collect.ImmutableList;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.MssClamp;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a VPN server needs from NAT: which clients are masqueraded, on which uplinks, from which
 * tunnel interfaces traffic is forwarded, and how TCP's maximum segment size is clamped. {@link
 * NatRuleset} turns it into a table.
 *
 * <p>Every part has a default, chosen to match the ocserv-server image: table {@code ocserv}, VPN
 * subnet {@code 10.10.10.0/24}, uplink {@code eth0}, tunnel interfaces {@code vpns*}, IPv6 subnet
 * {@code fda9:4efe:7e3b:3ea::/64} (masqueraded only when IPv6 NAT is on), IPv6 forwarding on, IPv6
 * NAT off, MSS clamped to the route's MTU, uplink MTU 1500.
 *
 * <p>Lists are kept as {@link Coverage#collapse collapsed}: without duplicates, and without entries
 * that another entry already covers, in the order given.
 */
public final class NatConfig {
  private final String tableName;
  private final ImmutableList<IpPrefix> vpnSubnets;
  private final ImmutableList<IpPrefix> ipv6Subnets;
  private final ImmutableList<InterfaceName> wanInterfaces;
  private final ImmutableList<InterfaceName> vpnInterfaces;
  private final boolean ipv6Forward;
  private final boolean ipv6Nat;
  private final Optional<MssClamp> mssClamp;
  private final int uplinkMtu;

  private NatConfig(Builder builder) {
    this.tableName = builder.tableName;
    this.vpnSubnets = builder.vpnSubnets;
    this.ipv6Subnets = builder.ipv6Subnets;
    this.wanInterfaces = builder.wanInterfaces;
    this.vpnInterfaces = builder.vpnInterfaces;
    this.ipv6Forward = builder.ipv6Forward;
    this.ipv6Nat = builder.ipv6Nat;
    this.mssClamp = builder.mssClamp;
    this.uplinkMtu = builder.uplinkMtu;
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

  /** Returns the IPv4 subnets the VPN leases to clients, masqueraded on the uplink; never empty. */
  public List<IpPrefix> vpnSubnets() {
    return vpnSubnets;
  }

  /** Returns the IPv6 subnets the VPN leases to clients, masqueraded if {@link #ipv6Nat()}. */
  public List<IpPrefix> ipv6Subnets() {
    return ipv6Subnets;
  }

  /** Returns the uplinks: where client traffic leaves for the internet; never empty. */
  public List<InterfaceName> wanInterfaces() {
    return wanInterfaces;
  }

  /** Returns the tunnel interfaces client traffic arrives on, usually a wildcard; never empty. */
  public List<InterfaceName> vpnInterfaces() {
    return vpnInterfaces;
  }

  /** Returns whether IPv6 forwarding is switched on. */
  public boolean ipv6Forward() {
    return ipv6Forward;
  }

  /** Returns whether the IPv6 subnets are masqueraded too. */
  public boolean ipv6Nat() {
    return ipv6Nat;
  }

  /**
   * Returns how the MSS of TCP SYNs is clamped, or empty for not at all: to the route's MTU, or to
   * a fixed size.
   */
  public Optional<MssClamp> mssClamp() {
    return mssClamp;
  }

  /**
   * Returns the MTU of the uplink, from which the clamp of the server's own TCP connections is
   * computed when the MSS is clamped to the route's MTU.
   */
  public int uplinkMtu() {
    return uplinkMtu;
  }

  /** Returns a builder holding this configuration. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.tableName = tableName;
    builder.vpnSubnets = vpnSubnets;
    builder.ipv6Subnets = ipv6Subnets;
    builder.wanInterfaces = wanInterfaces;
    builder.vpnInterfaces = vpnInterfaces;
    builder.ipv6Forward = ipv6Forward;
    builder.ipv6Nat = ipv6Nat;
    builder.mssClamp = mssClamp;
    builder.uplinkMtu = uplinkMtu;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NatConfig that
        && tableName.equals(that.tableName)
        && vpnSubnets.equals(that.vpnSubnets)
        && ipv6Subnets.equals(that.ipv6Subnets)
        && wanInterfaces.equals(that.wanInterfaces)
        && vpnInterfaces.equals(that.vpnInterfaces)
        && ipv6Forward == that.ipv6Forward
        && ipv6Nat == that.ipv6Nat
        && mssClamp.equals(that.mssClamp)
        && uplinkMtu == that.uplinkMtu;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        tableName,
        vpnSubnets,
        ipv6Subnets,
        wanInterfaces,
        vpnInterfaces,
        ipv6Forward,
        ipv6Nat,
        mssClamp,
        uplinkMtu);
  }

  @Override
  public String toString() {
    return "NatConfig{table=inet "
        + tableName
        + ", vpnSubnets="
        + vpnSubnets
        + ", ipv6Subnets="
        + ipv6Subnets
        + ", wanInterfaces="
        + wanInterfaces
        + ", vpnInterfaces="
        + vpnInterfaces
        + ", ipv6Forward="
        + ipv6Forward
        + ", ipv6Nat="
        + ipv6Nat
        + ", mssClamp="
        + mssClamp.map(NatConfig::describe).orElse("off")
        + ", uplinkMtu="
        + uplinkMtu
        + "}";
  }

  /** Returns {@code route MTU} or the fixed size of {@code clamp}. */
  static String describe(MssClamp clamp) {
    return clamp.size().isPresent() ? Integer.toString(clamp.size().getAsInt()) : "route MTU";
  }

  /** Collects a {@link NatConfig}; each setter checks its own argument. */
  public static final class Builder {
    private String tableName = "ocserv";
    private ImmutableList<IpPrefix> vpnSubnets = ImmutableList.of(IpPrefix.parse("10.10.10.0/24"));
    private ImmutableList<IpPrefix> ipv6Subnets =
        ImmutableList.of(IpPrefix.parse("fda9:4efe:7e3b:3ea::/64"));
    private ImmutableList<InterfaceName> wanInterfaces =
        ImmutableList.of(InterfaceName.exact("eth0"));
    private ImmutableList<InterfaceName> vpnInterfaces =
        ImmutableList.of(InterfaceName.prefix("vpns"));
    private boolean ipv6Forward = true;
    private boolean ipv6Nat = false;
    private Optional<MssClamp> mssClamp = Optional.of(MssClamp.toRouteMtu());
    private int uplinkMtu = 1500;

    private Builder() {}

    /** Sets the table name; default {@code ocserv}. Checked when the table is built. */
    public Builder tableName(String tableName) {
      this.tableName = Objects.requireNonNull(tableName, "tableName");
      return this;
    }

    /**
     * Sets one IPv4 VPN subnet; default {@code 10.10.10.0/24}.
     *
     * @throws InvalidValueException if it is an IPv6 prefix, or /0
     */
    public Builder vpnSubnet(IpPrefix vpnSubnet) {
      return vpnSubnets(List.of(vpnSubnet));
    }

    /**
     * Sets the IPv4 VPN subnets, collapsed; default {@code 10.10.10.0/24}.
     *
     * @throws InvalidValueException if there are none, or one is an IPv6 prefix, or /0
     */
    public Builder vpnSubnets(List<IpPrefix> vpnSubnets) {
      this.vpnSubnets = subnets("vpnSubnets", vpnSubnets, true);
      return this;
    }

    /**
     * Sets one IPv6 VPN subnet; default {@code fda9:4efe:7e3b:3ea::/64}.
     *
     * @throws InvalidValueException if it is an IPv4 prefix, or /0
     */
    public Builder ipv6Subnet(IpPrefix ipv6Subnet) {
      return ipv6Subnets(List.of(ipv6Subnet));
    }

    /**
     * Sets the IPv6 VPN subnets, collapsed; default {@code fda9:4efe:7e3b:3ea::/64}.
     *
     * @throws InvalidValueException if there are none, or one is an IPv4 prefix, or /0
     */
    public Builder ipv6Subnets(List<IpPrefix> ipv6Subnets) {
      this.ipv6Subnets = subnets("ipv6Subnets", ipv6Subnets, false);
      return this;
    }

    /** Sets one uplink; default {@code eth0}. */
    public Builder wanInterface(InterfaceName wanInterface) {
      return wanInterfaces(List.of(wanInterface));
    }

    /**
     * Sets the uplinks, collapsed; default {@code eth0}.
     *
     * @throws InvalidValueException if there are none
     */
    public Builder wanInterfaces(List<InterfaceName> wanInterfaces) {
      this.wanInterfaces = interfaces("wanInterfaces", wanInterfaces);
      return this;
    }

    /** Sets one tunnel interface name or wildcard; default {@code vpns*}. */
    public Builder vpnInterface(InterfaceName vpnInterface) {
      return vpnInterfaces(List.of(vpnInterface));
    }

    /**
     * Sets the tunnel interfaces, collapsed; default {@code vpns*}.
     *
     * @throws InvalidValueException if there are none
     */
    public Builder vpnInterfaces(List<InterfaceName> vpnInterfaces) {
      this.vpnInterfaces = interfaces("vpnInterfaces", vpnInterfaces);
      return this;
    }

    /** Sets whether IPv6 forwarding is switched on; default on. */
    public Builder ipv6Forward(boolean ipv6Forward) {
      this.ipv6Forward = ipv6Forward;
      return this;
    }

    /** Sets whether the IPv6 subnets are masqueraded; default off. */
    public Builder ipv6Nat(boolean ipv6Nat) {
      this.ipv6Nat = ipv6Nat;
      return this;
    }

    /**
     * Sets how the MSS of TCP SYNs is clamped, or {@link Optional#empty()} for not at all; default
     * {@link MssClamp#toRouteMtu()}. The kernel only ever lowers an MSS option, never raises it.
     */
    public Builder mssClamp(Optional<MssClamp> mssClamp) {
      this.mssClamp = Objects.requireNonNull(mssClamp, "mssClamp");
      return this;
    }

    /**
     * Sets the uplink's MTU; default 1500.
     *
     * @throws InvalidValueException if it is outside 576 to 65535
     */
    public Builder uplinkMtu(int uplinkMtu) {
      if (uplinkMtu < 576 || uplinkMtu > 65535) {
        throw new InvalidValueException(
            "uplinkMtu", Integer.toString(uplinkMtu), "is not from 576 to 65535", "1500");
      }
      this.uplinkMtu = uplinkMtu;
      return this;
    }

    private static ImmutableList<IpPrefix> subnets(
        String field, List<IpPrefix> subnets, boolean ipv4) {
      if (subnets.isEmpty()) {
        throw new InvalidValueException(field, "[]", "is empty; name at least one subnet");
      }
      for (IpPrefix subnet : subnets) {
        if (subnet.isIpv4() != ipv4) {
          throw new InvalidValueException(
              field,
              subnet.keyword(),
              ipv4
                  ? "is an IPv6 prefix; " + field + " holds IPv4 ones"
                  : "is an IPv4 prefix; " + field + " holds IPv6 ones");
        }
        if (subnet.length() == 0) {
          throw new InvalidValueException(
              field,
              subnet.keyword(),
              "covers every address; masquerading it would rewrite all traffic leaving the"
                  + " uplink, not just the VPN clients'");
        }
      }
      return Coverage.collapse(subnets, Coverage::contains).kept();
    }

    private static ImmutableList<InterfaceName> interfaces(
        String field, List<InterfaceName> interfaces) {
      if (interfaces.isEmpty()) {
        throw new InvalidValueException(field, "[]", "is empty; name at least one interface");
      }
      return Coverage.collapse(interfaces, Coverage::matches).kept();
    }

    /**
     * Builds the configuration.
     *
     * @throws InvalidValueException if an uplink and a tunnel interface can be the same interface:
     *     forwarding from one to the other would then forward anything
     */
    public NatConfig build() {
      for (InterfaceName wan : wanInterfaces) {
        for (InterfaceName vpn : vpnInterfaces) {
          if (wan.overlaps(vpn)) {
            throw new InvalidValueException(
                "wanInterfaces",
                wan.keyword(),
                "matches interfaces that vpnInterfaces '"
                    + vpn.keyword()
                    + "' matches too; the uplink and the tunnels must be different interfaces");
          }
        }
      }
      return new NatConfig(this);
    }
  }
}
