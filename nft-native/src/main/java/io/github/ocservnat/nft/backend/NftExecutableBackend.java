package io.github.ocservnat.nft.backend;

import io.github.ocservnat.nft.model.NftException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Applies, checks and lists by running the nft executable: {@code nft -f -} with the script on
 * standard input, {@code nft -j list ...} for listings. Slower than {@link LibNftablesBackend} by a
 * process start per call, but needs no native binding and is safe in any process.
 *
 * <p>nft runs in the network namespace of the thread that calls, with {@code LC_ALL=C} so that its
 * messages are the English ones {@link NftException} classifies. A run that takes longer than the
 * timeout (ten minutes unless set) is killed.
 */
public final class NftExecutableBackend implements ScriptBackend {
  /** Where nft is looked for after the directories of PATH, which often lack the sbin ones. */
  static final List<Path> SBIN = List.of(Path.of("/usr/sbin"), Path.of("/sbin"));

  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  /** How long nft's output may take to arrive once nft has exited. */
  private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

  /** How long {@code nft --version} may take; it needs no kernel, so this is generous. */
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

  private final Path executable;
  private final Duration timeout;

  private NftExecutableBackend(Path executable, Duration timeout) {
    this.executable = executable;
    this.timeout = timeout;
  }

  /**
   * Returns the backend for the nft found on PATH, or in /usr/sbin or /sbin.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if there is none; the
   *     message lists where it looked
   */
  public static NftExecutableBackend find() {
    return find(System.getenv("PATH"));
  }

  static NftExecutableBackend find(String path) {
    return find(path, SBIN);
  }

  static NftExecutableBackend find(String path, List<Path> alsoIn) {
    Set<Path> directories = new LinkedHashSet<>();
    for (String entry : (path == null ? "" : path).split(":")) {
      if (!entry.isEmpty()) {
        directories.add(Path.of(entry));
      }
    }
    directories.addAll(alsoIn);
    for (Path directory : directories) {
      Path candidate = directory.resolve("nft");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new NftExecutableBackend(candidate, DEFAULT_TIMEOUT);
      }
    }
    throw new NftException(
        NftException.Kind.UNAVAILABLE,
        "no nft executable in "
            + String.join(":", directories.stream().map(Path::toString).toList())
            + "; install nftables (Debian and Ubuntu: apt-get install nftables;"
            + " Alpine: apk add nftables)",
        "",
        null);
  }

  /**
   * Returns the backend for the executable {@code nft}.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if it is not an executable
   *     file
   */
  public static NftExecutableBackend at(Path nft) {
    if (!Files.isRegularFile(nft) || !Files.isExecutable(nft)) {
      throw new NftException(
          NftException.Kind.UNAVAILABLE,
          "nft executable: '" + nft + "' is not an executable file (example: /usr/sbin/nft)",
          "",
          null);
    }
    return new NftExecutableBackend(nft, DEFAULT_TIMEOUT);
  }

  /** Returns a backend like this one that kills nft after {@code timeout}. */
  public NftExecutableBackend withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "timeout: " + timeout + " is not positive (example: PT1M)");
    }
    return new NftExecutableBackend(executable, timeout);
  }

  /** Returns the executable this backend runs. */
  public Path executable() {
    return executable;
  }

  @Override
  public NftOutput run(String script) {
    Scripts.check(script);
    return execute(Scripts.isJson(script) ? List.of("-j", "-f", "-") : List.of("-f", "-"), script);
  }

  @Override
  public NftOutput check(String script) {
    Scripts.check(script);
    return execute(
        Scripts.isJson(script) ? List.of("-j", "-c", "-f", "-") : List.of("-c", "-f", "-"), script);
  }

  @Override
  public String listJson(String command) {
    // On the command line: nft 1.0.6 prints nothing for a JSON listing read with -f.
    List<String> arguments = new ArrayList<>(List.of("-j"));
    arguments.addAll(List.of(Scripts.listing(command).strip().split("\\s+")));
    return execute(arguments, "").output();
  }

  /**
   * Returns the version nft reports, such as {@code 1.0.6}.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if the executable cannot be
   *     run, fails, or is not nft
   */
  public String version() {
    String out;
    try {
      out = execute(List.of("--version"), "", VERSION_TIMEOUT).output().strip();
    } catch (NftException e) {
      if (e.kind() == NftException.Kind.UNAVAILABLE) {
        throw e;
      }
      // Whatever failed, an executable that cannot say its version cannot be used.
      throw new NftException(
          NftException.Kind.UNAVAILABLE,
          e.getMessage() + " when asked for its --version; it is not a working nft",
          e.nftError(),
          e);
    }
    if (out.isEmpty()) {
      throw new NftException(
          NftException.Kind.UNAVAILABLE,
          "nft executable: '" + executable + "' printed no version; it is not nft",
          "",
          null);
    }
    String[] words = out.split("\\s+");
    if (!words[0].equals("nftables")) {
      // GNU tools answer --version too: "true (GNU coreutils) 9.1".
      throw new NftException(
          NftException.Kind.UNAVAILABLE,
          "nft executable: '"
              + executable
              + "' printed '"
              + out.lines().findFirst().orElse("")
              + "' for --version, not 'nftables v...'; it is not nft",
          "",
          null);
    }
    return words.length > 1 && words[1].startsWith("v") ? words[1].substring(1) : out;
  }

  @Override
  public String describe() {
    return "the nft executable (" + executable + ")";
  }

  private NftOutput execute(List<String> arguments, String input) {
    return execute(arguments, input, timeout);
  }

  private NftOutput execute(List<String> arguments, String input, Duration limit) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANGUAGE"));
    environment.put("LC_ALL", "C");

    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new NftException(
          NftException.Kind.UNAVAILABLE,
          "nft executable: '" + executable + "' cannot be run (" + e.getMessage() + ")",
          "",
          e);
    }
    long deadline = System.nanoTime() + limit.toNanos();
    CompletableFuture<byte[]> out = drain(process.getInputStream());
    CompletableFuture<byte[]> err = drain(process.getErrorStream());
    CompletableFuture<byte[]> fed = feed(process, input);

    try {
      // Every wait counts against the one deadline: a process that never reads its input must
      // not hold the caller past it.
      if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
        throw killed(process, limit);
      }
      // nft has exited; what is left to read is in the pipes, unless a process it started holds
      // them open.
      long grace = Math.min(remaining(deadline), OUTPUT_GRACE.toNanos());
      byte[] output;
      byte[] errors;
      try {
        output = out.get(grace, TimeUnit.NANOSECONDS);
        errors = err.get(grace, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        throw new NftException(
            NftException.Kind.OTHER,
            "nft executable: '"
                + executable
                + "' exited "
                + process.exitValue()
                + ", but a process it started kept its output open, so the output was not read",
            "",
            null);
      }
      fed.cancel(true);
      return result(process.exitValue(), new String(output, StandardCharsets.UTF_8), errors);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new NftException(NftException.Kind.OTHER, "interrupted while nft ran", "", e);
    } catch (ExecutionException e) {
      process.destroyForcibly();
      throw new NftException(
          NftException.Kind.OTHER,
          "nft's output could not be read (" + e.getCause() + ")",
          "",
          e.getCause());
    }
  }

  private NftOutput result(int exit, String output, byte[] stderr) {
    String errors = new String(stderr, StandardCharsets.UTF_8);
    if (exit == 0) {
      return new NftOutput(output, errors);
    } else if (errors.contains("error while loading shared libraries")) {
      throw new NftException(
          NftException.Kind.UNAVAILABLE,
          "nft executable: '"
              + executable
              + "' cannot run: "
              + errors.strip().lines().findFirst().orElse("")
              + "; it needs libnftables (Debian and Ubuntu: apt-get install libnftables1)",
          errors,
          null);
    } else if (exit > 128) {
      throw new NftException(
          NftException.Kind.OTHER,
          "nft executable: '"
              + executable
              + "' was killed by signal "
              + (exit - 128)
              + (errors.isBlank() ? "" : ": " + errors.strip().lines().findFirst().orElse("")),
          errors,
          null);
    } else if (errors.isBlank()) {
      throw new NftException(
          NftException.Kind.OTHER,
          "nft executable: '" + executable + "' exited " + exit + " without a message",
          "",
          null);
    }
    throw NftException.fromNftError(errors);
  }

  private NftException killed(Process process, Duration limit) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    return new NftException(
        NftException.Kind.OTHER,
        "nft executable: '"
            + executable
            + "' did not finish within "
            + limit.toMillis()
            + " ms and was killed; whether the transaction took effect is unknown",
        "",
        null);
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /** Writes {@code input} to nft's standard input from a thread of its own, then closes it. */
  private static CompletableFuture<byte[]> feed(Process process, String input) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    return background(
        "nft-input-writer",
        () -> {
          try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(bytes);
          } catch (IOException e) {
            // nft closed its input early, as it does when it fails at once; its exit status and
            // messages say what happened.
          }
          return new byte[0];
        });
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    return background(
        "nft-output-reader",
        () -> {
          try (InputStream in = stream) {
            return in.readAllBytes();
          }
        });
  }

  private interface Io {
    byte[] run() throws IOException;
  }

  /** Runs {@code io} on a daemon thread; any failure, even running out of memory, completes it. */
  private static CompletableFuture<byte[]> background(String name, Io io) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(io.run());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  @Override
  public String toString() {
    return describe();
  }
}
