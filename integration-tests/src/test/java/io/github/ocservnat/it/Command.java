package io.github.ocservnat.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a process to completion, with a time limit, and keeps what it printed; or starts one that
 * runs beside the test until closed.
 */
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

  /**
   * Starts {@code argv} and waits until it prints the line {@code ready}, for a process that serves
   * until it is closed.
   */
  public static Running start(List<String> argv, String ready) {
    try {
      Process process =
          new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Running running = new Running(List.copyOf(argv), process);
      running.awaitLine(ready);
      return running;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A process started by {@link #start}. Closing it closes its standard input, which is its signal
   * to end, and kills it if it has not ended a few seconds later.
   */
  public static final class Running implements AutoCloseable {
    private final List<String> argv;
    private final Process process;
    private final BufferedReader out;

    private Running(List<String> argv, Process process) {
      this.argv = argv;
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private void awaitLine(String expected) {
      CompletableFuture<String> line =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return out.readLine();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      try {
        String actual = line.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!expected.equals(actual)) {
          close();
          throw new AssertionError(
              String.join(" ", argv) + " printed " + actual + " instead of " + expected);
        }
      } catch (TimeoutException e) {
        close();
        throw new AssertionError(
            String.join(" ", argv)
                + " did not print "
                + expected
                + " within "
                + TIMEOUT_SECONDS
                + " s");
      } catch (ExecutionException e) {
        close();
        throw new AssertionError(String.join(" ", argv) + " could not be read", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new AssertionError("interrupted while starting " + argv, e);
      }
    }

    @Override
    public void close() {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
