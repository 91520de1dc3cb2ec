package io.github.ocservnat.nft.model;

import io.github.ocservnat.it.KernelAccess;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips jqwik's properties against the kernel where they cannot run, with the reason, as {@link
 * io.github.ocservnat.it.KernelTest} skips JUnit's tests: jqwik reports an aborted container as an
 * error, not as a skip. Under CI it skips nothing, so that the container's own check fails.
 */
public final class KernelProperties implements SkipExecutionHook {
  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    String missing = KernelAccess.missing();
    if (missing == null || KernelAccess.underCi()) {
      return SkipResult.doNotSkip();
    }
    System.err.println("kernel tests skipped: " + missing);
    return SkipResult.skip("kernel tests skipped: " + missing);
  }
}
