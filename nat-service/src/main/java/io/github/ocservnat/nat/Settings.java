package io.github.ocservnat.nat;

import com.google.common.collect.ImmutableList;
import io.github.ocservnat.nat.Coverage.Collapsed;
import io.github.ocservnat.nat.Coverage.Redundant;
import io.github.ocservnat.nat.Invocation.Input;
import io.github.ocservnat.nat.OcservConfig.Setting;
import io.github.ocservnat.nft.backend.NftBackends;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.MssClamp;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what init-nat was given into a {@link NatConfig}: each setting from its flag or variable,
 * else from ocserv's configuration, else detected, else its default. Every value is checked before
 * anything changes, and the notes say where each one came from.
 */
final class Settings {
  /** fc00::/7, the unique local addresses, which no one routes on the internet. */
  private static final IpPrefix UNIQUE_LOCAL = IpPrefix.parse("fc00::/7");

  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");

  /**
   * The outcome.
   *
   * @param notes where values came from, for the log
   * @param warnings what is likely a mistake, though init-nat can go on
   */
  record Resolved(NatConfig config, List<String> notes, List<String> warnings) {}

  private final Invocation invocation;
  private final Host host;
  private final List<String> notes = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /** Where WAN_IF came from when it was not set, for the messages that name it. */
  private Optional<String> wanSource = Optional.empty();

  private Settings(Invocation invocation, Host host) {
    this.invocation = invocation;
    this.host = host;
  }

  /**
   * Resolves the settings of {@code invocation} on {@code host}.
   *
   * @throws ConfigException naming the first setting whose value is not usable
   */
  static Resolved resolve(Invocation invocation, Host host) throws ConfigException {
    return new Settings(invocation, host).resolve();
  }

  private Resolved resolve() throws ConfigException {
    boolean ipv6Forward = flag(Variable.IPV6_FORWARD, true);
    boolean ipv6Nat = flag(Variable.IPV6_NAT, false);
    Optional<MssClamp> clamp = mssClamp();
    backend();
    Optional<OcservConfig> ocserv = ocservConfig();
    ocserv.ifPresent(conf -> warnings.addAll(conf.warnings()));
    Optional<String> ipv6Problem = ocserv.flatMap(OcservConfig::ipv6Problem);
    if (ipv6Problem.isPresent()) {
      if (ipv6Nat && invocation.input(Variable.IPV6_SUBNET).isEmpty()) {
        throw new ConfigException(ipv6Problem.get());
      }
      warnings.add(
          ipv6Problem.get()
              + "; "
              + (ipv6Nat ? "IPV6_SUBNET is set" : "IPV6_NAT is 0")
              + ", so init-nat goes on without ocserv.conf's IPv6 networks");
    }

    List<IpPrefix> vpnSubnets =
        subnets(Variable.VPN_SUBNET, true, true, ocserv.map(OcservConfig::ipv4Networks));
    List<IpPrefix> ipv6Subnets =
        subnets(Variable.IPV6_SUBNET, false, ipv6Nat, ocserv.map(OcservConfig::ipv6Networks));
    List<InterfaceName> vpnInterfaces = vpnInterfaces(ocserv);
    List<InterfaceName> wanInterfaces = wanInterfaces();
    if (ipv6Nat
        && invocation.input(Variable.IPV6_SUBNET).isEmpty()
        && ocserv.isPresent()
        && ocserv.get().ipv6Networks().isEmpty()) {
      throw new ConfigException(
          name(Variable.IPV6_NAT)
              + ": '1' but there is no IPv6 subnet to masquerade: IPV6_SUBNET is not set and "
              + ocservFile()
              + " has no ipv6-network (set IPV6_SUBNET, e.g. "
              + assignment(Variable.IPV6_SUBNET, "fda9:4efe:7e3b:3ea::/64")
              + ", or "
              + assignment(Variable.IPV6_NAT, "0")
              + ")");
    }

    if (ipv6Forward && host.kernelHasIpv6()) {
      checkIpv6Route(ipv6Nat, ipv6Subnets, wanInterfaces, ocserv);
    }

    NatConfig.Builder config =
        NatConfig.builder()
            .vpnSubnets(vpnSubnets)
            .ipv6Subnets(ipv6Subnets)
            .wanInterfaces(wanInterfaces)
            .vpnInterfaces(vpnInterfaces)
            .ipv6Forward(ipv6Forward)
            .ipv6Nat(ipv6Nat)
            .mssClamp(clamp);
    uplinkMtu(wanInterfaces, clamp).ifPresent(config::uplinkMtu);
    try {
      return new Resolved(config.build(), ImmutableList.copyOf(notes), List.copyOf(warnings));
    } catch (InvalidValueException e) {
      throw collision(wanInterfaces, vpnInterfaces, ocserv);
    }
  }

  /**
   * Returns the error for an uplink and a tunnel pattern that overlap. It starts with the setting
   * the user wrote: VPN_IF where it was set and WAN_IF was not, or where neither was and
   * ocserv.conf's device gave VPN_IF; WAN_IF otherwise. A value not set says where it came from.
   */
  private ConfigException collision(
      List<InterfaceName> wanInterfaces,
      List<InterfaceName> vpnInterfaces,
      Optional<OcservConfig> ocserv) {
    InterfaceName wan = wanInterfaces.get(0);
    InterfaceName vpn = vpnInterfaces.get(0);
    for (InterfaceName w : wanInterfaces) {
      for (InterfaceName v : vpnInterfaces) {
        if (w.overlaps(v)) {
          wan = w;
          vpn = v;
        }
      }
    }

    boolean wanSet = invocation.input(Variable.WAN_IF).isPresent();
    boolean vpnSet = invocation.input(Variable.VPN_IF).isPresent();
    Optional<String> device =
        vpnSet ? Optional.empty() : ocserv.flatMap(OcservConfig::device).map(Setting::origin);
    String uplink = "'" + wan + "'" + wanSource.map(source -> " (" + source + ")").orElse("");
    String tunnels = "'" + vpn + "'" + device.map(origin -> " (" + origin + ")").orElse("");
    boolean vpnFirst = vpnSet ? !wanSet : !wanSet && device.isPresent();
    String fix;
    if (device.isPresent()) {
      fix = "change device in ocserv.conf, or set VPN_IF, e.g. VPN_IF=vpns+";
    } else if (vpnSet && !wanSet) {
      fix =
          "set "
              + name(Variable.VPN_IF)
              + " to the tunnels only, e.g. "
              + assignment(Variable.VPN_IF, "vpns+");
    } else {
      fix = "example: WAN_IF=eth0 VPN_IF=vpns+";
    }

    return new ConfigException(
        (vpnFirst ? name(Variable.VPN_IF) + ": " + tunnels : name(Variable.WAN_IF) + ": " + uplink)
            + " matches interfaces that "
            + (vpnFirst
                ? name(Variable.WAN_IF) + " " + uplink
                : name(Variable.VPN_IF) + " " + tunnels)
            + " matches too; the uplink and the tunnel interfaces must be different ("
            + fix
            + ")");
  }

  private Path ocservFile() {
    return invocation
        .input(Variable.OCSERV_CONFIG)
        .map(input -> Path.of(input.text().strip()))
        .orElse(host.ocservConfig());
  }

  private Optional<OcservConfig> ocservConfig() throws ConfigException {
    Optional<Input> input = invocation.input(Variable.OCSERV_CONFIG);
    if (input.isPresent() && input.get().text().isBlank()) {
      throw invalid(input.get(), input.get().text(), "is empty; unset it for the default", null);
    }
    Path file = ocservFile();
    try {
      return Optional.of(OcservConfig.read(file));
    } catch (NoSuchFileException e) {
      if (input.isPresent()) {
        throw invalid(
            input.get(),
            input.get().text(),
            "does not exist; mount ocserv's configuration there, or unset "
                + input.get().origin()
                + " and set VPN_SUBNET, IPV6_SUBNET and VPN_IF",
            null);
      }
      notes.add("no " + file + "; settings not given take their defaults");
      return Optional.empty();
    } catch (IOException e) {
      String message =
          input.map(Input::origin).orElse(Variable.OCSERV_CONFIG.name())
              + ": '"
              + file
              + "' cannot be read ("
              + Reasons.of(e)
              + ")";
      if (ocservNeeded()) {
        throw new ConfigException(message);
      }
      warnings.add(message + "; every setting it would give is set, so init-nat goes on");
      return Optional.empty();
    } catch (ConfigException e) {
      if (ocservNeeded()) {
        throw e;
      }
      warnings.add(
          e.getMessage()
              + "; every setting ocserv.conf would give is set, so init-nat goes on without it");
      return Optional.empty();
    }
  }

  /** ocserv.conf gives VPN_SUBNET, IPV6_SUBNET (which only IPV6_NAT=1 uses) and VPN_IF. */
  private boolean ocservNeeded() throws ConfigException {
    return invocation.input(Variable.VPN_SUBNET).isEmpty()
        || invocation.input(Variable.VPN_IF).isEmpty()
        || (invocation.input(Variable.IPV6_SUBNET).isEmpty() && flag(Variable.IPV6_NAT, false));
  }

  /** Checks NFT_BACKEND here too, so that --dry-run refuses what applying would. */
  private void backend() throws ConfigException {
    Optional<Input> input = invocation.input(Variable.NFT_BACKEND);
    if (input.isPresent()) {
      try {
        NftBackends.Choice.parse(input.get().origin(), input.get().text());
      } catch (InvalidValueException e) {
        throw new ConfigException(e.getMessage());
      }
    }
  }

  /** Returns {@code VARIABLE=value}, or {@code --flag=value} if the setting came as a flag. */
  private String assignment(Variable variable, String value) {
    boolean flag = invocation.input(variable).map(Input::isFlag).orElse(false);
    return (flag ? variable.flag() : variable.name()) + "=" + value;
  }

  private List<IpPrefix> subnets(
      Variable variable, boolean ipv4, boolean used, Optional<List<Setting<IpPrefix>>> fromOcserv)
      throws ConfigException {
    String example = variable.example();
    Optional<Input> input = invocation.input(variable);
    List<Setting<IpPrefix>> leased = fromOcserv.orElse(List.of());
    if (input.isEmpty()) {
      if (leased.isEmpty()) {
        return ImmutableList.of(
            IpPrefix.parse(ipv4 ? "10.10.10.0/24" : "fda9:4efe:7e3b:03ea::/64"));
      }
      List<IpPrefix> subnets =
          leased.stream().map(Setting::value).collect(ImmutableList.toImmutableList());
      notes.add(
          variable.name()
              + "="
              + keywords(subnets)
              + " from "
              + leased.stream().map(Setting::origin).collect(Collectors.joining(", ")));
      // Virtual hosts may share a pool or nest one in another: that is ocserv's business, and
      // the note above lists them all; only the rule needs them collapsed.
      return Coverage.collapse(subnets, Coverage::contains).kept();
    }

    List<IpPrefix> subnets = new ArrayList<>();
    for (String entry : entries(input.get(), example)) {
      IpPrefix subnet = parse(input.get(), entry, IpPrefix::parse, example);
      if (subnet.isIpv4() != ipv4) {
        throw invalid(
            input.get(),
            entry,
            ipv4
                ? "is an IPv6 prefix; " + name(variable) + " takes IPv4 ones, IPV6_SUBNET the IPv6"
                : "is an IPv4 prefix; " + name(variable) + " takes IPv6 ones, VPN_SUBNET the IPv4",
            example);
      }
      if (subnet.length() == 0) {
        throw invalid(
            input.get(),
            entry,
            "covers every address; masquerading it would rewrite all traffic leaving the uplink,"
                + " not just the VPN clients'",
            example);
      }
      Optional<String> reserved = OcservConfig.neverForwarded(subnet);
      if (reserved.isPresent()) {
        throw invalid(input.get(), entry, reserved.get(), example);
      }
      subnets.add(subnet);
    }
    List<IpPrefix> kept = collapse(input.get().origin(), subnets, Coverage::contains);
    for (Setting<IpPrefix> lease : leased) {
      // A subnet that is not masqueraded (IPv6 without IPv6 NAT) loses nobody their internet.
      if (used && !Coverage.coverTogether(kept, lease.value())) {
        warnings.add(
            input.get().origin()
                + "="
                + keywords(kept)
                + " does not cover "
                + lease.value()
                + ", which "
                + lease.origin()
                + " leases to clients: those clients connect but get no internet (add it to "
                + input.get().origin()
                + ", or unset "
                + input.get().origin()
                + " to take ocserv.conf's networks)");
      }
    }
    return kept;
  }

  private List<InterfaceName> vpnInterfaces(Optional<OcservConfig> ocserv) throws ConfigException {
    Optional<Input> input = invocation.input(Variable.VPN_IF);
    Optional<Setting<InterfaceName>> device = ocserv.flatMap(OcservConfig::device);
    if (input.isEmpty()) {
      if (device.isEmpty()) {
        return ImmutableList.of(InterfaceName.prefix("vpns"));
      }
      notes.add("VPN_IF=" + device.get().value() + " from " + device.get().origin());
      return ImmutableList.of(device.get().value());
    }

    List<InterfaceName> interfaces = interfaceList(input.get());
    if (device.isPresent()) {
      InterfaceName tunnel = device.get().value();
      if (interfaces.stream().noneMatch(vpn -> Coverage.matches(vpn, tunnel))) {
        warnings.add(
            input.get().origin()
                + "="
                + keywords(interfaces)
                + " does not match ocserv's tunnels "
                + tunnel
                + " ("
                + device.get().origin()
                + "): their TCP SYNs are not clamped, so connections can stall where the path's"
                + " MTU is small, and the rules init-nat advises for another table's chain that"
                + " drops forwarded traffic would name "
                + keywords(interfaces)
                + ", not them (set "
                + assignment(Variable.VPN_IF, tunnel.name() + "+")
                + ", or unset it)");
      }
    }
    return interfaces;
  }

  private List<InterfaceName> wanInterfaces() throws ConfigException {
    Optional<Input> input = invocation.input(Variable.WAN_IF);
    if (input.isPresent()) {
      List<InterfaceName> interfaces = interfaceList(input.get());
      List<String> present = interfacesOrEmpty();
      for (InterfaceName wan : interfaces) {
        if (!present.isEmpty()
            && present.stream()
                .noneMatch(name -> Coverage.matches(wan, InterfaceName.exact(name)))) {
          warnings.add(
              input.get().origin()
                  + ": no interface "
                  + (wan.isWildcard() ? "matches '" + wan + "'" : "'" + wan + "' exists")
                  + " in this network namespace (present: "
                  + String.join(", ", present)
                  + "); its rules match nothing until it appears");
        }
      }
      checkDefaultRoute(input.get(), interfaces);
      return interfaces;
    }

    Optional<Host.DefaultRoute> route;
    try {
      route = host.defaultRoute();
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          "WAN_IF: not set, and the default route cannot be read from /proc/net/route ("
              + e.getMessage()
              + "); set WAN_IF to the uplink (example: WAN_IF=eth0)");
    }
    if (route.isPresent()) {
      InterfaceName device = parse(null, route.get().device(), InterfaceName::exact, "eth0");
      notes.add(
          "WAN_IF="
              + device
              + " detected: the IPv4 default route"
              + route.get().gateway().map(gateway -> " via " + gateway).orElse("")
              + ", metric "
              + route.get().metric());
      wanSource = Optional.of("the interface of the IPv4 default route");
      return ImmutableList.of(device);
    }
    List<String> present = interfacesOrEmpty();
    if (present.contains("eth0")) {
      List<InterfaceName> eth0 = ImmutableList.of(InterfaceName.exact("eth0"));
      warnings.add(
          "WAN_IF=eth0: no IPv4 default route; eth0 exists and is taken as the uplink, but "
              + withoutDefaultRoute(eth0));
      wanSource = Optional.of("taken for want of an IPv4 default route");
      return eth0;
    }
    throw new ConfigException(
        "WAN_IF: not set, and there is no IPv4 default route and no eth0 to fall back on"
            + " (interfaces present: "
            + (present.isEmpty() ? "none" : String.join(", ", present))
            + "); set WAN_IF to the uplink (example: WAN_IF="
            + present.stream().filter(name -> !name.equals("lo")).findFirst().orElse("eth0")
            + ")");
  }

  /**
   * Warns where the IPv4 default route leaves by an interface that no entry of {@code interfaces}
   * matches: the clients' traffic would leave there, unmasqueraded; or where there is none.
   */
  private void checkDefaultRoute(Input input, List<InterfaceName> interfaces) {
    Optional<Host.DefaultRoute> route;
    try {
      route = host.defaultRoute();
    } catch (IOException | RuntimeException e) {
      return; // WAN_IF does not need the route; one that cannot be read is not checked.
    }
    if (route.isEmpty()) {
      warnings.add(
          input.origin()
              + "="
              + keywords(interfaces)
              + ": no IPv4 default route; "
              + withoutDefaultRoute(interfaces));
      return;
    }
    String device = route.get().device();
    if (matchesAny(interfaces, device)) {
      return;
    }
    warnings.add(
        input.origin()
            + "="
            + keywords(interfaces)
            + " does not match "
            + device
            + ", the interface of the IPv4 default route"
            + route.get().gateway().map(gateway -> " via " + gateway).orElse("")
            + ": the clients' traffic to the internet leaves by "
            + device
            + " unmasqueraded, so they connect but get no internet ("
            + (interfaces.size() == 1
                ? "set " + assignment(Variable.WAN_IF, device)
                : "add " + device + " to " + input.origin())
            + ", or unset it to take the default route's interface)");
  }

  /**
   * Says where the clients' IPv6 cannot reach the internet: masqueraded with no IPv6 default route
   * to leave by (a warning), or leased from unique local addresses and not masqueraded, which the
   * internet does not route back (a note: IPv6 inside the VPN may be all that is meant).
   */
  private void checkIpv6Route(
      boolean ipv6Nat,
      List<IpPrefix> ipv6Subnets,
      List<InterfaceName> wanInterfaces,
      Optional<OcservConfig> ocserv) {
    if (ipv6Nat) {
      Optional<String> route;
      try {
        route = host.ipv6DefaultRoute();
      } catch (IOException | RuntimeException e) {
        return; // A route table that cannot be read is not checked.
      }
      if (route.isPresent() && !matchesAny(wanInterfaces, route.get())) {
        warnings.add(
            assignment(Variable.IPV6_NAT, "1")
                + " but the IPv6 default route leaves by "
                + route.get()
                + ", which "
                + assignment(Variable.WAN_IF, keywords(wanInterfaces))
                + " does not match: the clients' IPv6 leaves there unmasqueraded, so it gets no"
                + " answer (add "
                + route.get()
                + " to "
                + name(Variable.WAN_IF)
                + ", or route IPv6 by the uplink)");
      }
      if (route.isEmpty()) {
        warnings.add(
            assignment(Variable.IPV6_NAT, "1")
                + " but there is no IPv6 default route: the clients' IPv6 is masqueraded, but the"
                + " gateway has nowhere to send it, so it gets no answer (give the uplink an IPv6"
                + " default route, or lease no IPv6 to clients: no ipv6-network in ocserv.conf)");
      }
      return;
    }
    boolean leased =
        invocation.input(Variable.IPV6_SUBNET).isPresent()
            || ocserv.map(conf -> !conf.ipv6Networks().isEmpty()).orElse(false);
    List<IpPrefix> local =
        ipv6Subnets.stream().filter(subnet -> Coverage.contains(UNIQUE_LOCAL, subnet)).toList();
    if (leased && !local.isEmpty()) {
      notes.add(
          assignment(Variable.IPV6_SUBNET, keywords(local))
              + " is unique local and "
              + assignment(Variable.IPV6_NAT, "0")
              + ": the clients' IPv6 leaves with these addresses, which the internet does not"
              + " route back, so it reaches only networks that route them to this gateway (set "
              + assignment(Variable.IPV6_NAT, "1")
              + " to masquerade it)");
    }
  }

  /** Returns whether one of {@code interfaces} matches {@code device} as nft would. */
  private static boolean matchesAny(List<InterfaceName> interfaces, String device) {
    InterfaceName name = InterfaceName.exact(device);
    return interfaces.stream().anyMatch(wan -> Coverage.matches(wan, name));
  }

  /** What a missing default route means, and how to add one by {@code uplinks}. */
  private static String withoutDefaultRoute(List<InterfaceName> uplinks) {
    InterfaceName first = uplinks.get(0);
    return "the gateway has no route to the internet, so clients get no internet until one is"
        + " added through the uplink's router (e.g. ip route add default via <router>"
        + (uplinks.size() == 1 && !first.isWildcard() ? " dev " + first.name() : "")
        + ")";
  }

  private List<String> interfacesOrEmpty() {
    try {
      return host.interfaces();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** The smallest MTU of the uplinks that exist, for the clamp of the server's connections. */
  private OptionalInt uplinkMtu(List<InterfaceName> wanInterfaces, Optional<MssClamp> clamp) {
    if (clamp.isEmpty() || clamp.get().size().isPresent()) {
      return OptionalInt.empty();
    }
    OptionalInt smallest = OptionalInt.empty();
    String of = null;
    for (String name : interfacesOrEmpty()) {
      InterfaceName present = InterfaceName.exact(name);
      if (wanInterfaces.stream().anyMatch(wan -> Coverage.matches(wan, present))) {
        OptionalInt mtu = host.mtu(name);
        if (mtu.isPresent() && (smallest.isEmpty() || mtu.getAsInt() < smallest.getAsInt())) {
          smallest = mtu;
          of = name;
        }
      }
    }
    if (smallest.isEmpty() || smallest.getAsInt() == 1500) {
      return smallest;
    }
    int mtu = smallest.getAsInt();
    // IPv4 needs 576 at least; above 65535 (loopback's 65536) no MSS is larger.
    int used = Math.max(576, Math.min(65535, mtu));
    notes.add(
        "uplink MTU "
            + mtu
            + " ("
            + of
            + ")"
            + (used == mtu ? "" : "; the server's own SYNs are clamped as for " + used));
    return OptionalInt.of(used);
  }

  private Optional<MssClamp> mssClamp() throws ConfigException {
    boolean on = flag(Variable.MSS_CLAMP, true);
    Optional<Input> mss = invocation.input(Variable.MSS);
    if (mss.isEmpty()) {
      return on ? Optional.of(MssClamp.toRouteMtu()) : Optional.empty();
    }
    String text = mss.get().text().strip();
    if (text.isEmpty()) {
      throw invalid(
          mss.get(),
          mss.get().text(),
          "is empty; unset it to clamp to the MTU",
          Variable.MSS.example());
    }
    // ASCII digits only: Integer.parseInt would take other scripts' digits too.
    if (!text.matches("[0-9]+")) {
      String problem =
          text.matches("-[0-9]+") ? "is not from 536 to 65535" : "is not a whole number";
      throw invalid(mss.get(), mss.get().text(), problem, Variable.MSS.example());
    }
    int size = text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(text);
    if (size < 536 || size > 65535) {
      throw invalid(
          mss.get(), mss.get().text(), "is not from 536 to 65535", Variable.MSS.example());
    }
    if (!on) {
      throw invalid(
          mss.get(),
          mss.get().text(),
          "asks for a clamp that " + name(Variable.MSS_CLAMP) + "=0 turns off; unset one of them",
          null);
    }
    return Optional.of(MssClamp.to(size));
  }

  private boolean flag(Variable variable, boolean fallback) throws ConfigException {
    Optional<Input> input = invocation.input(variable);
    if (input.isEmpty()) {
      return fallback;
    }
    return switch (input.get().text().strip()) {
      case "1" -> true;
      case "0" -> false;
      case "" ->
          throw invalid(
              input.get(),
              input.get().text(),
              "is empty; unset it for the default or set 0 or 1",
              "1");
      default -> throw invalid(input.get(), input.get().text(), "is not 0 or 1", "1");
    };
  }

  private List<InterfaceName> interfaceList(Input input) throws ConfigException {
    String example = input.variable().example();
    List<InterfaceName> interfaces = new ArrayList<>();
    for (String entry : entries(input, example)) {
      interfaces.add(parse(input, entry, Settings::interfaceName, example));
    }
    return collapse(input.origin(), interfaces, Coverage::matches);
  }

  /**
   * Reads one interface name. The shell init-nat wrote prefixes iptables-style, {@code vpns+}; nft
   * writes {@code vpns*}. Either is accepted, at the end only.
   */
  static InterfaceName interfaceName(String text) {
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

  /** Splits a list at commas and/or spaces. */
  private static List<String> entries(Input input, String example) throws ConfigException {
    String text = input.text().strip();
    if (text.isEmpty()) {
      throw invalid(
          input, input.text(), "is empty; unset it for the default or set a value", example);
    }
    List<String> entries = List.of(LIST_SEPARATOR.split(text, -1));
    if (entries.contains("")) {
      throw invalid(
          input,
          input.text(),
          "has an empty entry; separate entries with one comma and/or spaces",
          example + "," + second(example));
    }
    return entries;
  }

  /** A second entry for the example of a list. */
  private static String second(String example) {
    if (example.contains(":")) {
      return "fd00:1::/64";
    } else if (example.contains("/")) {
      return "10.10.20.0/24";
    }
    return example.endsWith("+") ? "tun+" : "eth1";
  }

  private <T> List<T> collapse(String origin, List<T> entries, BiPredicate<T, T> covers) {
    Collapsed<T> collapsed = Coverage.collapse(entries, covers);
    for (Redundant<T> redundant : collapsed.redundant()) {
      warnings.add(
          origin
              + ": '"
              + redundant.entry()
              + "' "
              + (redundant.entry().equals(redundant.coveredBy())
                  ? "is listed more than once; once is enough"
                  : "lies within '" + redundant.coveredBy() + "'; it is left out"));
    }
    return collapsed.kept();
  }

  private static <T> T parse(Input input, String entry, Function<String, T> parser, String example)
      throws ConfigException {
    try {
      return parser.apply(entry);
    } catch (InvalidValueException e) {
      if (input == null) {
        throw new ConfigException(
            "WAN_IF: the default route's interface '"
                + entry
                + "' "
                + e.problem()
                + "; set WAN_IF (example: WAN_IF=eth0)");
      }
      throw invalid(input, entry, e.problem(), e.example().isPresent() ? example : null);
    }
  }

  private String name(Variable variable) {
    return invocation.input(variable).map(Input::origin).orElse(variable.name());
  }

  private static String keywords(List<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.joining(","));
  }

  private static ConfigException invalid(Input input, String text, String problem, String example) {
    return new ConfigException(
        new InvalidValueException(input.origin(), text, problem, example).getMessage());
  }
}
