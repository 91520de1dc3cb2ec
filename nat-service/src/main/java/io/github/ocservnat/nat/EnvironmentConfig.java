package io.github.ocservnat.nat;

import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.IpPrefix;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a {@link NatConfig} from the environment variables of the ocserv-server image's shell
 * init-nat, with the same defaults. A variable that is not set takes its default; one that is set
 * must be valid, and an empty one is an error, not a default.
 */
public final class EnvironmentConfig {
  /** IPv4 subnet leased to VPN clients; default {@code 10.10.10.0/24}. */
  public static final String VPN_SUBNET = "VPN_SUBNET";

  /** Uplink interface; default {@code eth0}. */
  public static final String WAN_IF = "WAN_IF";

  /** Tunnel interfaces, a trailing {@code +} or {@code *} for a prefix; default {@code vpns+}. */
  public static final String VPN_IF = "VPN_IF";

  /** {@code 1} to switch on IPv6 forwarding, {@code 0} to leave it; default {@code 1}. */
  public static final String IPV6_FORWARD = "IPV6_FORWARD";

  /** {@code 1} to masquerade the IPv6 subnet, {@code 0} not to; default {@code 0}. */
  public static final String IPV6_NAT = "IPV6_NAT";

  /** IPv6 subnet leased to VPN clients; default {@code fda9:4efe:7e3b:03ea::/64}. */
  public static final String IPV6_SUBNET = "IPV6_SUBNET";

  private final Map<String, String> environment;

  private EnvironmentConfig(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * Reads the configuration from {@code environment}.
   *
   * @throws ConfigException naming the first variable whose value is not usable
   */
  public static NatConfig read(Map<String, String> environment) throws ConfigException {
    return new EnvironmentConfig(environment).read();
  }

  private NatConfig read() throws ConfigException {
    NatConfig defaults = NatConfig.defaults();

    IpPrefix vpnSubnet = prefix(VPN_SUBNET, true, defaults.vpnSubnet());
    IpPrefix ipv6Subnet = prefix(IPV6_SUBNET, false, defaults.ipv6Subnet());
    InterfaceName wan = value(WAN_IF, this::interfaceName, defaults.wanInterface(), "eth0");
    InterfaceName vpn = value(VPN_IF, this::interfaceName, defaults.vpnInterface(), "vpns+");
    boolean ipv6Forward = flag(IPV6_FORWARD, defaults.ipv6Forward());
    boolean ipv6Nat = flag(IPV6_NAT, defaults.ipv6Nat());

    NatConfig.Builder config = NatConfig.builder();
    build(VPN_SUBNET, () -> config.vpnSubnet(vpnSubnet));
    build(IPV6_SUBNET, () -> config.ipv6Subnet(ipv6Subnet));
    config.wanInterface(wan).vpnInterface(vpn).ipv6Forward(ipv6Forward).ipv6Nat(ipv6Nat);
    try {
      return config.build();
    } catch (InvalidValueException e) {
      throw new ConfigException(
          WAN_IF
              + ": '"
              + wan.keyword()
              + "' matches interfaces that VPN_IF '"
              + vpn.keyword()
              + "' matches too; the uplink and the tunnel interfaces must be different"
              + " (example: WAN_IF=eth0 VPN_IF=vpns+)");
    }
  }

  /** Runs a setter of the builder, naming {@code variable} if it refuses the value. */
  private void build(String variable, Runnable setter) throws ConfigException {
    try {
      setter.run();
    } catch (InvalidValueException e) {
      throw invalid(variable, environment.get(variable), e.problem(), null);
    }
  }

  /**
   * Reads one interface name. The shell init-nat wrote prefixes iptables-style, {@code vpns+}; nft
   * writes {@code vpns*}. Either is accepted, at the end only.
   */
  private InterfaceName interfaceName(String text) {
    String body =
        text.endsWith("+") || text.endsWith("*") ? text.substring(0, text.length() - 1) : text;
    if (body.contains("+") || body.contains("*")) {
      throw new InvalidValueException(
          "interface",
          text,
          "has a '+' or '*' before the end; only a trailing one makes a prefix",
          "vpns+");
    }
    return body.length() < text.length() ? InterfaceName.prefix(body) : InterfaceName.exact(body);
  }

  private static boolean isList(String text) {
    return text.contains(",") || text.strip().chars().anyMatch(Character::isWhitespace);
  }

  private IpPrefix prefix(String variable, boolean ipv4, IpPrefix fallback) throws ConfigException {
    String example = ipv4 ? "10.10.10.0/24" : "fda9:4efe:7e3b:3ea::/64";
    IpPrefix prefix = value(variable, IpPrefix::parse, fallback, example);
    if (prefix.isIpv4() != ipv4) {
      String problem =
          ipv4
              ? "is an IPv6 prefix; "
                  + variable
                  + " takes an IPv4 prefix, "
                  + IPV6_SUBNET
                  + " the IPv6 one"
              : "is an IPv4 prefix; "
                  + variable
                  + " takes an IPv6 prefix, "
                  + VPN_SUBNET
                  + " the IPv4 one";
      throw invalid(variable, environment.get(variable), problem, example);
    }
    return prefix;
  }

  private boolean flag(String variable, boolean fallback) throws ConfigException {
    String text = environment.get(variable);
    if (text == null) {
      return fallback;
    }
    switch (text.strip()) {
      case "1":
        return true;
      case "0":
        return false;
      case "":
        throw invalid(variable, text, "is empty; unset it for the default or set 0 or 1", "1");
      default:
        throw invalid(variable, text, "is not 0 or 1", "1");
    }
  }

  private <T> T value(String variable, Function<String, T> parser, T fallback, String example)
      throws ConfigException {
    String text = environment.get(variable);
    if (text == null) {
      return fallback;
    }
    if (text.isBlank()) {
      throw invalid(variable, text, "is empty; unset it for the default or set a value", example);
    }
    if (isList(text)) {
      throw invalid(variable, text, "is a list; " + variable + " takes one value for now", example);
    }
    try {
      return parser.apply(text.strip());
    } catch (InvalidValueException e) {
      throw invalid(variable, text, e.problem(), e.example().isPresent() ? example : null);
    }
  }

  private static ConfigException invalid(
      String variable, String text, String problem, String example) {
    return new ConfigException(
        new InvalidValueException(variable, text, problem, example).getMessage());
  }
}
