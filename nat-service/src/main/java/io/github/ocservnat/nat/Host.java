package io.github.ocservnat.nat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What init-nat reads of the network namespace it runs in, through {@code /proc} and {@code /sys}:
 * the sysctls, the IPv4 routes, the interfaces and their MTUs; and where ocserv's configuration is.
 * Tests point it at a folder instead.
 */
final class Host {
  private static final int RTF_UP = 0x1;
  private static final int RTF_REJECT = 0x200;

  private final Path proc;
  private final Path sys;
  private final Sysctls sysctls;
  private final Path ocservConfig;

  Host(Path proc, Path sys, Sysctls sysctls, Path ocservConfig) {
    this.proc = proc;
    this.sys = sys;
    this.sysctls = sysctls;
    this.ocservConfig = ocservConfig;
  }

  /**
   * Returns the host of the calling process: {@code /proc}, {@code /sys}, and ocserv's
   * configuration in {@code /etc/ocserv/ocserv.conf}.
   */
  static Host system() {
    return new Host(
        Path.of("/proc"),
        Path.of("/sys"),
        new Sysctls(Path.of("/proc/sys")),
        Path.of("/etc/ocserv/ocserv.conf"));
  }

  /** Returns where ocserv's configuration is when OCSERV_CONFIG does not say. */
  Path ocservConfig() {
    return ocservConfig;
  }

  Sysctls sysctls() {
    return sysctls;
  }

  /**
   * An IPv4 default route.
   *
   * @param gateway the gateway as {@code /proc/net/route} writes it, or empty for none
   */
  record DefaultRoute(String device, Optional<String> gateway, long metric) {}

  /**
   * Returns the IPv4 default route with the lowest metric in the main routing table, the first
   * listed of equals; empty if there is none.
   */
  Optional<DefaultRoute> defaultRoute() throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(proc.resolve("net/route"), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty(); // No IPv4 in this kernel.
    }
    DefaultRoute best = null;
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      // Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT, in hex.
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 8
          || !fields[1].equals("00000000")
          || !fields[7].equals("00000000")
          || fields[0].equals("*")) {
        continue; // Not a default route, or one through no interface (blackhole, unreachable).
      }
      int flags = Integer.parseInt(fields[3], 16);
      if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
        continue;
      }
      long metric = Long.parseLong(fields[6]);
      if (best == null || metric < best.metric()) {
        Optional<String> gateway =
            fields[2].equals("00000000") ? Optional.empty() : Optional.of(address(fields[2]));
        best = new DefaultRoute(fields[0], gateway, metric);
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Returns the interface of the IPv6 default route ({@code ::/0}) of the main routing table that
   * leads somewhere (up, not a reject route, which the kernel lists on {@code lo}), the first
   * listed; empty where there is none, or the kernel has no IPv6.
   */
  Optional<String> ipv6DefaultRoute() throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(proc.resolve("net/ipv6_route"), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    for (String line : lines) {
      // Destination, its length, source, its length, next hop, metric, refcount, use, flags,
      // device; in hex but the device.
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 10
          || !fields[0].equals("0".repeat(32))
          || !fields[1].equals("00")
          || fields[9].equals("lo")) {
        continue;
      }
      int flags = Integer.parseInt(fields[8], 16);
      if ((flags & RTF_UP) != 0 && (flags & RTF_REJECT) == 0) {
        return Optional.of(fields[9]);
      }
    }
    return Optional.empty();
  }

  /** {@code /proc/net/route} writes an address as 8 hex digits in the host's byte order. */
  private static String address(String hex) {
    long value = Long.parseLong(hex, 16);
    // x86 and ARM, as Linux runs them, are little-endian: the first octet is the lowest byte.
    return (value & 0xff)
        + "."
        + (value >> 8 & 0xff)
        + "."
        + (value >> 16 & 0xff)
        + "."
        + (value >> 24 & 0xff);
  }

  /**
   * Returns whether the kernel has IPv6, whatever /proc/sys shows: {@code /proc/net/if_inet6}
   * exists exactly when it does.
   */
  boolean kernelHasIpv6() {
    return Files.exists(proc.resolve("net/if_inet6"));
  }

  /**
   * Returns the iptables-legacy commands ({@code iptables}, {@code ip6tables}) that have a filter
   * table in this network namespace, as {@code /proc/net/ip_tables_names} and {@code
   * ip6_tables_names} list them; none where those files are missing or cannot be read.
   */
  List<String> legacyFilterTables() {
    List<String> commands = new ArrayList<>();
    for (String family : List.of("ip", "ip6")) {
      try {
        Path names = proc.resolve("net/" + family + "_tables_names");
        if (Files.exists(names)
            && Files.readAllLines(names, StandardCharsets.US_ASCII).contains("filter")) {
          commands.add(family + "tables-legacy");
        }
      } catch (IOException e) {
        // Only a hint is lost: the check is for what nft cannot see anyway.
      }
    }
    return commands;
  }

  /** Returns the names of the interfaces of this network namespace, as the kernel lists them. */
  List<String> interfaces() throws IOException {
    List<String> names = new ArrayList<>();
    // /proc/net/dev belongs to the caller's network namespace even where /sys was not remounted.
    List<String> lines = Files.readAllLines(proc.resolve("net/dev"), StandardCharsets.US_ASCII);
    for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        names.add(line.substring(0, colon).strip());
      }
    }
    names.sort(null);
    return names;
  }

  /** Returns the MTU of interface {@code name}, if {@code /sys} has it. */
  OptionalInt mtu(String name) {
    try {
      String text = Files.readString(sys.resolve("class/net").resolve(name).resolve("mtu"));
      return OptionalInt.of(Integer.parseInt(text.strip()));
    } catch (IOException | NumberFormatException | java.nio.file.InvalidPathException e) {
      return OptionalInt.empty();
    }
  }
}
