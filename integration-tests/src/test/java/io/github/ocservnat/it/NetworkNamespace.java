package io.github.ocservnat.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway network namespace made with {@code ip netns add}, with its own interfaces, sysctls
 * and ruleset; closing it deletes it and everything in it.
 */
public final class NetworkNamespace implements AutoCloseable {
  /**
   * Every namespace this run of the tests makes starts with this, so that its leftovers can be
   * recognised, and told apart from those of another run on the same machine: {@code ocn-it-}, the
   * run's id (system property {@code ocservnat.runId}, which bin/test sets, else the process id),
   * and a dash.
   */
  static final String PREFIX =
      "ocn-it-"
          + System.getProperty("ocservnat.runId", Long.toString(ProcessHandle.current().pid()))
          + "-";

  /** A namespace of some run of the tests, with that run's id, a process id. */
  private static final Pattern STALE = Pattern.compile("ocn-it-(?<run>\\d+)-[0-9a-f]{8}");

  private final String name;

  private NetworkNamespace(String name) {
    this.name = name;
  }

  private static boolean staleRemoved;

  /**
   * Creates a namespace with its loopback up. The first call of a run also removes what interrupted
   * runs left: namespaces named for a run whose process is gone.
   */
  public static NetworkNamespace create() {
    removeStale();
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    String name = PREFIX + HexFormat.of().formatHex(random);

    Command.run(List.of("ip", "netns", "add", name)).check();
    NetworkNamespace namespace = new NetworkNamespace(name);
    namespace.exec("ip", "link", "set", "lo", "up").check();
    return namespace;
  }

  /**
   * Deletes the tests' namespaces whose run (the id after {@code ocn-it-}) is neither this one nor
   * a live process, and says so on standard error: a run killed before its clean-up leaves them.
   */
  private static synchronized void removeStale() {
    if (staleRemoved) {
      return;
    }
    staleRemoved = true;
    for (String line : Command.run(List.of("ip", "netns", "list")).check().lines().toList()) {
      Matcher m = STALE.matcher(line.split(" ")[0]);
      if (m.matches()
          && !line.startsWith(PREFIX)
          && !Files.exists(Path.of("/proc", m.group("run")))) {
        Command.run(List.of("ip", "netns", "del", m.group())).check();
        System.err.println(
            "removed network namespace " + m.group() + ", left by an interrupted run of the tests");
      }
    }
  }

  public String name() {
    return name;
  }

  /** Adds a veth pair with both ends inside the namespace, up. */
  public void addVethPair(String end, String peer) {
    exec("ip", "link", "add", end, "type", "veth", "peer", "name", peer).check();
    exec("ip", "link", "set", end, "up").check();
    exec("ip", "link", "set", peer, "up").check();
  }

  /**
   * Joins this namespace to {@code other} with a veth pair, {@code end} here and {@code otherEnd}
   * there, both up. The names may be the same: each is made in its own namespace.
   */
  public void link(String end, NetworkNamespace other, String otherEnd) {
    exec("ip", "link", "add", end, "type", "veth", "peer", "name", otherEnd, "netns", other.name)
        .check();
    exec("ip", "link", "set", end, "up").check();
    other.exec("ip", "link", "set", otherEnd, "up").check();
  }

  /**
   * Adds {@code prefix} (an address with its prefix length) to {@code device}; an IPv6 address is
   * usable at once, without duplicate address detection.
   */
  public void addAddress(String device, String prefix) {
    if (prefix.contains(":")) {
      exec("ip", "addr", "add", prefix, "dev", device, "nodad").check();
    } else {
      exec("ip", "addr", "add", prefix, "dev", device).check();
    }
  }

  /** Adds a default route via {@code gateway}, of the family of its address. */
  public void addDefaultRoute(String gateway) {
    exec("ip", gateway.contains(":") ? "-6" : "-4", "route", "add", "default", "via", gateway)
        .check();
  }

  /** Starts {@code argv} inside the namespace, as {@link Command#start} does. */
  public Command.Running start(List<String> argv, String ready) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
    command.addAll(argv);
    return Command.start(command, ready);
  }

  /** Runs {@code argv} inside the namespace. */
  public Command.Result exec(String... argv) {
    return exec(Map.of(), argv);
  }

  /** Runs {@code argv} inside the namespace with extra environment variables. */
  public Command.Result exec(Map<String, String> environment, String... argv) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
    command.addAll(List.of(argv));
    return Command.run(command, environment);
  }

  /** Runs nft inside the namespace and returns what it printed. */
  public String nft(String... args) {
    List<String> command = new ArrayList<>(List.of("nft"));
    command.addAll(List.of(args));
    return exec(command.toArray(String[]::new)).check();
  }

  /**
   * Sets a sysctl inside the namespace, through /proc/sys as the sysctl tool would; procps is not
   * among what the tests install.
   */
  public void setSysctl(String key, String value) {
    exec("sh", "-c", "echo \"$1\" > \"$2\"", "sh", value, "/proc/sys/" + key.replace('.', '/'))
        .check();
  }

  /** Returns a sysctl's value as seen inside the namespace. */
  public String sysctl(String key) {
    return exec("cat", "/proc/sys/" + key.replace('.', '/')).check().strip();
  }

  @Override
  public void close() {
    Command.run(List.of("ip", "netns", "del", name)).check();
  }
}
