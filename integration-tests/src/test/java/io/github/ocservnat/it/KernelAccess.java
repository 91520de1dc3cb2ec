package io.github.ocservnat.it;

import com.sun.security.auth.module.UnixSystem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opentest4j.TestAbortedException;

/**
 * Whether this process may make network namespaces and run nft in them. Without that, kernel tests
 * are skipped with the reason, except under CI, where they fail: there a skip would hide that
 * nothing was proven.
 */
public final class KernelAccess {
  /** Values of {@code CI} that say this is not CI, as some shells and runners set it. */
  private static final Set<String> NOT_CI = Set.of("", "0", "false", "no");

  private static final Map<String, String> PACKAGES =
      Map.of("ip", "iproute2", "nft", "nftables", "ping", "iputils-ping", "iptables", "iptables");

  private KernelAccess() {}

  /** Returns what is missing, or null if the kernel tests can run. */
  public static String missing() {
    if (new UnixSystem().getUid() != 0) {
      return "they need root, to create network namespaces (run bin/test as root, e.g. with sudo)";
    }
    for (String tool : List.of("ip", "nft", "ping", "iptables")) {
      if (Command.run(List.of("sh", "-c", "command -v " + tool)).exit() != 0) {
        return "'" + tool + "' is not installed (apt-get install " + PACKAGES.get(tool) + ")";
      }
    }
    return null;
  }

  /** Returns whether the tests run under CI: {@code CI} is set, and not to false, 0 or no. */
  public static boolean underCi() {
    String ci = System.getenv("CI");
    return ci != null && !NOT_CI.contains(ci.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * Skips the calling tests, or under CI fails them, if {@code missing} is not null. A skip is also
   * printed on standard error, since a skipped class reports no test of its own to say why.
   */
  public static void require(String missing) {
    if (missing == null) {
      return;
    }
    if (underCi()) {
      throw new AssertionError("kernel tests must run under CI, but " + missing);
    }
    System.err.println("kernel tests skipped: " + missing);
    throw new TestAbortedException("kernel tests skipped: " + missing);
  }
}
