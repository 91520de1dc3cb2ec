package io.github.ocservnat.it;

import java.nio.file.Path;

/** The checkout the tests run in, as the build passes it. */
final class ProjectRoot {
  private ProjectRoot() {}

  static Path path() {
    String root = System.getProperty("ocservnat.projectRoot", "..");
    return Path.of(root).toAbsolutePath().normalize();
  }

  /** Returns the path of {@code bin/init-nat}. */
  static String initNat() {
    return path().resolve("bin/init-nat").toString();
  }
}
