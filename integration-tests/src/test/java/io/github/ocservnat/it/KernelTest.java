package io.github.ocservnat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that touches a real kernel. Before its tests run, it checks that the process
 * may create network namespaces (root, with ip and nft present): without that the tests are skipped
 * with the reason, except under CI, where they fail instead. Around them it checks that the host's
 * ruleset, forwarding sysctls and interfaces end as they began.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(KernelTest.HostGuard.class)
public @interface KernelTest {
  /** Skips or fails without privileges, and compares the host before and after. */
  public final class HostGuard implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace STORE =
        ExtensionContext.Namespace.create(HostGuard.class);

    @Override
    public void beforeAll(ExtensionContext context) {
      KernelAccess.require(missingPrivileges());
      context.getStore(STORE).put(HostState.class, HostState.capture());
    }

    @Override
    public void afterAll(ExtensionContext context) {
      HostState before = context.getStore(STORE).get(HostState.class, HostState.class);
      if (before != null) {
        assertThat(HostState.capture()).isEqualTo(before);
      }
    }

    private static String missingPrivileges() {
      String missing = KernelAccess.missing();
      if (missing != null) {
        return missing;
      }
      Path root = ProjectRoot.path();
      if (!Files.isRegularFile(root.resolve("nat-service/target/init-nat.jar"))) {
        return "nat-service is not built (run mvn verify from " + root + ")";
      }
      return null;
    }
  }
}
