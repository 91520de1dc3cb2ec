package io.github.ocservnat.it;

import com.sun.security.auth.module.UnixSystem;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * Whether this process may make network namespaces and run nft in them. Without that, kernel tests
 * are skipped with the reason, except under CI, where they fail: there a skip would hide that
 * nothing was proven.
 */
public final class KernelAccess {
  private KernelAccess() {}

  /** Returns what is missing, or null if the kernel tests can run. */
  public static String missing() {
    if (new UnixSystem().getUid() != 0) {
      return "they need root to create network namespaces (run them with sudo, or in CI)";
    }
    Map<String, String> packages =
        Map.of("ip", "iproute2", "nft", "nftables", "ping", "iputils-ping", "iptables", "iptables");
    for (String tool : List.of("ip", "nft", "ping", "iptables")) {
      if (Command.run(List.of("sh", "-c", "command -v " + tool)).exit() != 0) {
        return "'" + tool + "' is not installed (apt-get install " + packages.get(tool) + ")";
      }
    }
    return null;
  }

  /** Skips the calling tests, or under CI fails them, if {@code missing} is not null. */
  public static void require(String missing) {
    if (missing == null) {
      return;
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError("kernel tests cannot run under CI: " + missing);
    }
    throw new TestAbortedException("kernel tests skipped: " + missing);
  }
}
