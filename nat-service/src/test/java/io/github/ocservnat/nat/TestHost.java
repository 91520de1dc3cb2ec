package io.github.ocservnat.nat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A network namespace as init-nat reads it, laid out in a folder: {@code proc/sys}, {@code
 * proc/net/route}, {@code proc/net/dev} and {@code sys/class/net}. It starts with IPv4 and IPv6
 * forwarding off, {@code lo} and {@code eth0} (MTU 1500, accept_ra 0), a default route via eth0,
 * and no ocserv configuration.
 */
final class TestHost {
  private final Path root;
  private final Set<String> readOnly = new HashSet<>();
  private final Set<String> unprivileged = new HashSet<>();
  private final StringBuilder routes =
      new StringBuilder(
          "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
  private final StringBuilder devices =
      new StringBuilder(
          "Inter-|   Receive                            |  Transmit\n"
              + " face |bytes    packets errs drop fifo frame compressed multicast|bytes\n");

  TestHost(Path root) {
    this.root = root;
    sysctl("net.ipv4.ip_forward", "0");
    sysctl("net.ipv6.conf.all.forwarding", "0");
    link("lo", 65536);
    link("eth0", 1500);
    defaultRoute("eth0", "010200C0", 0); // 192.0.2.1
    ipv6DefaultRoute("eth0");
  }

  /** Lists IPv6 as the kernel's, in /proc/net/if_inet6, whatever /proc/sys shows. */
  TestHost kernelIpv6() {
    write(root.resolve("proc/net/if_inet6"), "");
    return this;
  }

  /** Gives the host an IPv6 default route by {@code device}, or takes it away (null). */
  TestHost ipv6DefaultRoute(String device) {
    String route =
        device == null
            ? ""
            : "0".repeat(32)
                + " 00 "
                + "0".repeat(32)
                + " 00 20010db8000000000000000000000001 00000400 00000001 00000000 00000003 "
                + String.format("%8s%n", device);
    write(root.resolve("proc/net/ipv6_route"), route);
    return this;
  }

  Host host() {
    Sysctls sysctls =
        new Sysctls(root.resolve("proc/sys")) {
          @Override
          void checkWritable(String key) throws IOException {
            refuseReadOnly(key);
            super.checkWritable(key);
          }

          @Override
          void write(String key, String value) throws IOException {
            refuseReadOnly(key);
            super.write(key, value);
          }

          private void refuseReadOnly(String key) throws FileSystemException {
            if (readOnly.contains(key)) {
              throw new FileSystemException(path(key).toString(), null, "Read-only file system");
            }
            if (unprivileged.contains(key)) {
              throw new FileSystemException(path(key).toString(), null, "Operation not permitted");
            }
          }
        };
    return new Host(root.resolve("proc"), root.resolve("sys"), sysctls, ocservConfig());
  }

  /** Returns where ocserv's configuration is looked for by default; there is none at first. */
  Path ocservConfig() {
    return root.resolve("etc/ocserv/ocserv.conf");
  }

  TestHost sysctl(String key, String value) {
    write(new Sysctls(root.resolve("proc/sys")).path(key), value + "\n");
    return this;
  }

  String sysctl(String key) {
    try {
      return Files.readString(new Sysctls(root.resolve("proc/sys")).path(key)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestHost withoutIpv6() {
    try {
      Files.delete(new Sysctls(root.resolve("proc/sys")).path("net.ipv6.conf.all.forwarding"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Makes {@code key} refuse writes, as a read-only /proc/sys does. */
  TestHost readOnly(String key) {
    readOnly.add(key);
    return this;
  }

  /** Makes {@code key} refuse writes, as the kernel does without CAP_NET_ADMIN. */
  TestHost unprivileged(String key) {
    unprivileged.add(key);
    return this;
  }

  /** Adds an interface with accept_ra 0. */
  TestHost link(String name, int mtu) {
    devices.append(String.format("%6s: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0%n", name));
    write(root.resolve("proc/net/dev"), devices.toString());
    write(root.resolve("sys/class/net").resolve(name).resolve("mtu"), mtu + "\n");
    return sysctl("net.ipv6.conf." + name + ".accept_ra", "0");
  }

  /** Adds a default route; {@code gateway} as /proc/net/route writes it, little-endian hex. */
  TestHost defaultRoute(String device, String gateway, int metric) {
    return route(device, gateway, "0003", metric);
  }

  /** Adds a default route with {@code flags} as /proc/net/route writes them (0201: blackhole). */
  TestHost route(String device, String gateway, String flags, int metric) {
    routes.append(
        String.format(
            "%s\t00000000\t%s\t%s\t0\t0\t%d\t00000000\t0\t0\t0%n", device, gateway, flags, metric));
    write(root.resolve("proc/net/route"), routes.toString());
    return this;
  }

  TestHost noDefaultRoute() {
    routes.setLength(routes.indexOf("\n") + 1);
    write(root.resolve("proc/net/route"), routes.toString());
    return this;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
