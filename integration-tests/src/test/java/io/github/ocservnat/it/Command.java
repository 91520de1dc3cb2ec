package io.github.ocservnat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a process to completion, with a time limit, and keeps what it printed. */
public final class Command {
  private static final long TIMEOUT_SECONDS = 120;

  /** What a finished process left behind. */
  public record Result(List<String> argv, int exit, String out, String err) {
    /** Returns standard output, failing the test if the process did not exit 0. */
    public String check() {
      if (exit != 0) {
        throw new AssertionError(
            String.join(" ", argv) + " exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return out;
    }
  }

  private Command() {}

  public static Result run(List<String> argv) {
    return run(argv, Map.of());
  }

  /**
   * Runs {@code argv} with the test's environment plus {@code environment}, in which a null value
   * removes a variable.
   */
  public static Result run(List<String> argv, Map<String, String> environment) {
    try {
      Path out = Files.createTempFile("ocserv-nat-it", ".out");
      Path err = Files.createTempFile("ocserv-nat-it", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(argv)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        environment.forEach(
            (name, value) -> {
              if (value == null) {
                builder.environment().remove(name);
              } else {
                builder.environment().put(name, value);
              }
            });
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError(
              String.join(" ", argv) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(
            List.copyOf(argv),
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + argv, e);
    }
  }
}
