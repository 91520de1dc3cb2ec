package io.github.ocservnat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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
    public void beforeAll(ExtensionContext context) throws IOException {
      KernelAccess.require(missingPrivileges());
      String stale = staleLauncher();
      if (stale != null) {
        throw new AssertionError(stale);
      }
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

    /**
     * Returns why bin/init-nat would run code older than the sources, or null: the tests run the
     * packaged launcher, which a build that stops before the package phase leaves as it was.
     */
    private static String staleLauncher() throws IOException {
      Path root = ProjectRoot.path();
      Path target = root.resolve("nat-service/target");
      Map<String, Path> jars = new LinkedHashMap<>();
      jars.put("nat-service", target.resolve("init-nat.jar"));
      for (String module : List.of("nft-model", "nft-native")) {
        try (Stream<Path> lib = Files.list(target.resolve("lib"))) {
          lib.filter(jar -> jar.getFileName().toString().startsWith(module + "-"))
              .findFirst()
              .ifPresent(jar -> jars.put(module, jar));
        }
      }
      for (Map.Entry<String, Path> jar : jars.entrySet()) {
        FileTime packaged = Files.getLastModifiedTime(jar.getValue());
        try (Stream<Path> sources = Files.walk(root.resolve(jar.getKey()).resolve("src/main"))) {
          Optional<Path> newer =
              sources
                  .filter(Files::isRegularFile)
                  .filter(source -> modified(source).compareTo(packaged) > 0)
                  .findFirst();
          if (newer.isPresent()) {
            return root.relativize(jar.getValue())
                + " is older than "
                + root.relativize(newer.get())
                + ", so bin/init-nat would run old code; package it first: mvn -pl nat-service"
                + " -am package -Dmaven.test.skip=true";
          }
        }
      }
      return null;
    }

    private static FileTime modified(Path file) {
      try {
        return Files.getLastModifiedTime(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
