package io.github.ocservnat.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for a class of the tests run in a JVM of its own, as it must be to work inside a
 * network namespace: a process's sockets and nftables calls belong to the namespace it runs in.
 */
public final class Jvm {
  private Jvm() {}

  /**
   * Returns the command that runs {@code main} with the tests' class path, the JVM options {@code
   * options} and the arguments {@code args}.
   */
  public static List<String> command(List<String> options, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /** Returns the command that runs {@code main}, with options for a short-lived helper. */
  public static List<String> command(Class<?> main, String... args) {
    return command(
        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"), main, args);
  }
}
