package io.github.ocservnat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the tests promise not to change on the machine they run on: its ruleset, its forwarding
 * sysctls and its interfaces. Nothing here reads counters or addresses that change on their own.
 *
 * @param ruleset {@code nft list ruleset} in the host's namespace
 * @param ipv4Forward the host's net.ipv4.ip_forward
 * @param ipv6Forward the host's net.ipv6.conf.all.forwarding, or "absent"
 * @param links the host's interfaces, by name
 * @param leftovers network namespaces the tests made and did not delete
 */
public record HostState(
    String ruleset,
    String ipv4Forward,
    String ipv6Forward,
    List<String> links,
    List<String> leftovers) {

  public static HostState capture() {
    return new HostState(
        Command.run(List.of("nft", "list", "ruleset")).check(),
        read("/proc/sys/net/ipv4/ip_forward"),
        read("/proc/sys/net/ipv6/conf/all/forwarding"),
        Command.run(List.of("ip", "-o", "link", "show"))
            .check()
            .lines()
            .map(line -> line.split(":")[1].strip())
            .sorted()
            .collect(Collectors.toList()),
        Command.run(List.of("ip", "netns", "list"))
            .check()
            .lines()
            .map(line -> line.split(" ")[0])
            .filter(name -> name.startsWith(NetworkNamespace.PREFIX))
            .collect(Collectors.toList()));
  }

  private static String read(String file) {
    try {
      Path path = Path.of(file);
      return Files.exists(path) ? Files.readString(path).strip() : "absent";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
