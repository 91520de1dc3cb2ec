package io.github.ocservnat.it;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the tests run bin/init-nat: as a process inside a namespace, with the ocserv.conf of an
 * ocserv-server image and only the variables a test sets.
 */
public final class InitNatProcess {
  /** The timestamp and tag that start every line init-nat logs, as a regular expression. */
  public static final String LOG_LINE = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[INIT-NAT\\] ";

  /** The variables init-nat reads; a test sets what it needs, the rest stay unset. */
  private static final List<String> VARIABLES =
      List.of(
          "VPN_SUBNET",
          "WAN_IF",
          "VPN_IF",
          "IPV6_FORWARD",
          "IPV6_NAT",
          "IPV6_SUBNET",
          "MSS_CLAMP",
          "MSS",
          "OCSERV_CONFIG",
          "NFT_BACKEND",
          "NFT_EXECUTABLE");

  private InitNatProcess() {}

  /** Runs init-nat in {@code namespace} with {@code settings} and {@code args}. */
  public static Command.Result run(
      NetworkNamespace namespace, Map<String, String> settings, String... args) {
    return namespace.exec(environment(settings), command(args));
  }

  /** Returns the argument vector that runs init-nat with {@code args}. */
  public static String[] command(String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = ProjectRoot.initNat();
    System.arraycopy(args, 0, argv, 1, args.length);
    return argv;
  }

  /**
   * Returns the environment changes that give init-nat the test's ocserv.conf and {@code settings},
   * and unset every other variable it reads.
   */
  public static Map<String, String> environment(Map<String, String> settings) {
    Map<String, String> environment = new HashMap<>();
    for (String variable : VARIABLES) {
      environment.put(variable, null);
    }
    environment.put("OCSERV_CONFIG", ocservConf());
    environment.putAll(settings);
    return environment;
  }

  /** The path of the ocserv.conf the tests give init-nat: device vpns, 10.10.10.0/24. */
  public static String ocservConf() {
    try {
      return Path.of(InitNatProcess.class.getResource("ocserv.conf").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** Returns {@code log} without the timestamp and tag of each line. */
  public static String messages(String log) {
    return log.replaceAll("(?m)^" + LOG_LINE, "");
  }
}
