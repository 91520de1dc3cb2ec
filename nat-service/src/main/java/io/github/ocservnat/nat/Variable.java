package io.github.ocservnat.nat;

/**
 * A setting of init-nat: an environment variable of the shell init-nat, or one added since, each
 * also a command-line flag that wins over the variable.
 */
enum Variable {
  VPN_SUBNET(
      "--vpn-subnet",
      "ipv4-network of ocserv.conf, else 10.10.10.0/24",
      "IPv4 subnets of the VPN clients, masqueraded on the uplink; a list",
      "10.10.10.0/24"),
  IPV6_SUBNET(
      "--ipv6-subnet",
      "ipv6-network of ocserv.conf, else fda9:4efe:7e3b:03ea::/64",
      "IPv6 subnets of the VPN clients; a list",
      "fda9:4efe:7e3b:3ea::/64"),
  WAN_IF(
      "--wan-if",
      "interface of the default route, else eth0",
      "uplink interfaces; a list; a trailing + or * matches a prefix",
      "eth0"),
  VPN_IF(
      "--vpn-if",
      "device of ocserv.conf plus +, else vpns+",
      "tunnel interfaces; a list; a trailing + or * matches a prefix",
      "vpns+"),
  IPV6_FORWARD(
      "--ipv6-forward", "1", "1: switch on net.ipv6.conf.all.forwarding; 0: leave it", "1"),
  IPV6_NAT("--ipv6-nat", "0", "1: masquerade IPV6_SUBNET on the uplink too", "1"),
  MSS_CLAMP(
      "--mss-clamp",
      "1",
      "1: clamp the MSS of TCP SYNs to the MTU, forwarded and the server's own",
      "1"),
  MSS("--mss", "unset", "clamp to this MSS (536-65535) instead of the MTU", "1360"),
  OCSERV_CONFIG(
      "--ocserv-config",
      "/etc/ocserv/ocserv.conf",
      "ocserv's configuration, read for the subnets and VPN_IF when not set",
      "/etc/ocserv/ocserv.conf"),
  NFT_BACKEND(
      "--nft-backend",
      "auto",
      "libnftables (in process), nft (the executable), or auto: either",
      "libnftables"),
  NFT_EXECUTABLE(
      "--nft-executable", "nft on PATH, /usr/sbin, /sbin", "the nft executable", "/usr/sbin/nft");

  private final String flag;
  private final String defaultText;
  private final String help;
  private final String example;

  Variable(String flag, String defaultText, String help, String example) {
    this.flag = flag;
    this.defaultText = defaultText;
    this.help = help;
    this.example = example;
  }

  /** Returns the command-line flag, e.g. {@code --vpn-subnet}. */
  String flag() {
    return flag;
  }

  /** Returns the default as --help shows it. */
  String defaultText() {
    return defaultText;
  }

  /** Returns what the setting means, for --help. */
  String help() {
    return help;
  }

  /** Returns a good value, for messages about a bad one. */
  String example() {
    return example;
  }
}
