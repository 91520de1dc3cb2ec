package io.github.ocservnat.it.backend;

import io.github.ocservnat.nft.backend.DebugFlag;
import io.github.ocservnat.nft.backend.LibNftablesBackend;
import io.github.ocservnat.nft.backend.NftBackends;
import io.github.ocservnat.nft.backend.NftCapabilities;
import io.github.ocservnat.nft.backend.NftOutput;
import io.github.ocservnat.nft.backend.Nftables;
import io.github.ocservnat.nft.backend.ScriptBackend;
import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.ChainType;
import io.github.ocservnat.nft.model.Counter;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.NftException;
import io.github.ocservnat.nft.model.Priority;
import io.github.ocservnat.nft.model.RawStatement;
import io.github.ocservnat.nft.model.Rule;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.TableRef;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Verdict;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One use of a backend, run by {@link BackendKernelTest} in a JVM of its own inside a network
 * namespace, since a backend works in the namespace of the process that opens it. It prints what
 * happened as {@code key: value} lines for the test to compare.
 *
 * <p>Arguments: the scenario's name, then the backend ({@code auto}, {@code libnftables} or {@code
 * nft}).
 */
public final class BackendScenario {
  private BackendScenario() {}

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    Map<String, String> choice = Map.of("NFT_BACKEND", args.length > 1 ? args[1] : "auto");
    switch (scenario) {
      case "errors" -> errors(choice);
      case "permission" -> permission(choice);
      case "descriptors" -> descriptors();
      case "no descriptors" -> noDescriptors(args.length > 1 && args[1].equals("loaded"));
      case "threads" -> threads(choice);
      case "memory" -> memory(choice, Integer.parseInt(args[2]));
      case "probe" -> probe(choice);
      case "stderr" -> stderr();
      case "raw" -> raw(choice);
      case "nearly no descriptors" -> nearlyNoDescriptors();
      case "no stderr" -> noStderr();
      case "read-only stderr" -> readOnlyStderr();
      default -> throw new IllegalArgumentException("no scenario " + scenario);
    }
  }

  private static void errors(Map<String, String> choice) {
    try (ScriptBackend nft = NftBackends.open(choice)) {
      print("backend", nft.describe());
      nft.apply(Transaction.builder().add(table("kept")).build());
      attempt("syntax", () -> nft.run("add table inet a\nadd chain inet a c\nadd rul inet a c\n"));
      attempt("not found", () -> nft.run("delete table inet absent\n"));
      attempt("exists", () -> nft.run("create table inet kept\n"));
      attempt(
          "refused",
          () ->
              nft.run(
                  "add table inet atomic\n"
                      + "add chain inet atomic c { type filter hook forward priority 0; }\n"
                      + "add rule inet atomic c counter\n"
                      + "add rule inet atomic c queue num 3\n"));
      print("atomic table after refusal", nft.listTable(ref("atomic")).isPresent());
      attempt(
          "check refused",
          () -> nft.check("add table inet checked\nadd rule inet kept nochain accept\n"));
      nft.check(Transaction.builder().add(table("checked")).build());
      print("checked table after check", nft.listTable(ref("checked")).isPresent());
      print(
          "kept table", nft.listTable(ref("kept")).map(t -> t.equals(table("kept"))).orElse(false));
    }
  }

  private static void permission(Map<String, String> choice) {
    try (ScriptBackend nft = NftBackends.open(choice)) {
      attempt("list", nft::listRuleset);
      attempt("apply", () -> nft.apply(Transaction.builder().add(table("denied")).build()));
    }
  }

  /**
   * With 0 to 9 descriptors free, calls a context made earlier, and makes a new one: each must work
   * or fail with an exception, never exit the process. A rule with an interface name makes
   * libnftables open a route socket for its interface cache.
   */
  private static void nearlyNoDescriptors() throws IOException {
    try (Nftables early = Nftables.open()) {
      early.run("add table inet crowded\nadd chain inet crowded c\n");
      // Once with descriptors to spare, so that every class the loop needs is loaded.
      outcome(() -> early.run("add rule inet crowded c iif \"lo\" accept\n"));
      outcome(() -> Nftables.open().close());
      fill(100).forEach(BackendScenario::close);
      for (int free = 0; free < 10; free++) {
        List<InputStream> files = fill(free);
        String call = outcome(() -> early.run("add rule inet crowded c iif \"lo\" accept\n"));
        String open = outcome(() -> Nftables.open().close());
        files.forEach(BackendScenario::close);
        print(free + " free", "call " + call + ", open " + open);
      }
    }
    print("still alive", true);
  }

  private static void close(InputStream file) {
    try {
      file.close();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Opens files until only {@code free} descriptors are left. */
  private static List<InputStream> fill(int free) throws IOException {
    List<InputStream> files = new ArrayList<>();
    try {
      while (true) {
        files.add(new FileInputStream("/dev/null"));
      }
    } catch (IOException limit) {
      for (int i = 0; i < free; i++) {
        files.remove(files.size() - 1).close();
      }
    }
    return files;
  }

  private static String outcome(Call call) {
    try {
      call.run();
      return "ok";
    } catch (NftException e) {
      String message = e.getMessage();
      return e.kind()
          + (message.contains("fewer than")
              ? " (too few free)"
              : message.contains("no file descriptor left") ? " (none free)" : " " + message);
    } catch (Exception e) {
      return e.getClass().getSimpleName();
    }
  }

  /** Run with descriptor 2 closed: the in-memory files must not become the process's stderr. */
  private static void noStderr() {
    try (ScriptBackend nft = NftBackends.open(Map.of("NFT_BACKEND", "libnftables"))) {
      attempt("bad script", () -> nft.run("add rul inet t c\n"));
      nft.run("add table inet quiet\n");
      print("listing", nft.listJson("list tables").contains("\"quiet\""));
    }
  }

  /**
   * Run with descriptor 2 open for reading only, as a file the JVM reads from could be when a
   * process starts with its standard streams closed: it is left alone.
   */
  private static void readOnlyStderr() throws IOException {
    Path stderr = Path.of("/proc/self/fd/2");
    String before = Files.readSymbolicLink(stderr).toString();
    try (Nftables nft = Nftables.open()) {
      nft.setDebugFlags(List.of(DebugFlag.SCANNER));
      NftOutput output = nft.run("add table inet untouched\n");
      print("trace left uncaptured", output.messages().isEmpty());
    }
    print("descriptor 2 unchanged", Files.readSymbolicLink(stderr).toString().equals(before));
  }

  /** A rule with a statement the model only holds as JSON goes in as JSON and reads back equal. */
  private static void raw(Map<String, String> choice) {
    Table table =
        Table.builder(Family.INET, "raw")
            .chain(
                Chain.builder("forward")
                    .base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER)
                    .rule(
                        new RawStatement(
                            "{\"match\": {\"op\": \"==\", \"left\": {\"payload\":"
                                + " {\"protocol\": \"ip\", \"field\": \"ttl\"}},"
                                + " \"right\": 64}}"),
                        Verdict.ACCEPT)
                    .build())
            .build();
    try (ScriptBackend nft = NftBackends.open(choice)) {
      nft.check(Transaction.replacing(table));
      nft.apply(Transaction.replacing(table));
      print("read back equal", nft.listTable(table.ref()).orElseThrow().equals(table));
      attempt("listing only", () -> nft.listJson("flush ruleset"));
    }
  }

  /**
   * The scanner's trace is one thing libnftables writes straight to descriptor 2; the protocol
   * context trace goes to the C library's stdout.
   */
  private static void stderr() {
    try (Nftables nft = Nftables.open()) {
      nft.setDebugFlags(List.of(DebugFlag.SCANNER));
      NftOutput output = nft.run("add table inet traced\n");
      print("scanner trace captured", output.messages().contains("--accepting rule at line"));
      attempt("traced failure", () -> nft.run("add tabel inet traced\n"));

      nft.setDebugFlags(List.of(DebugFlag.PROTO_CTX));
      output =
          nft.run(
              "add chain inet traced c\nadd rule inet traced c ip saddr 192.0.2.1 tcp dport 22"
                  + " accept\n");
      print("protocol trace captured", output.messages().contains("update network layer"));

      nft.setDebugFlags(List.of());
      print("quiet again", nft.run("add table inet traced\n").messages().isEmpty());
    }
  }

  /**
   * Opens more than 1,024 files first: a libnftables context made now would put its netlink socket
   * at a descriptor select() cannot take, and glibc would abort the process.
   */
  private static void descriptors() throws IOException {
    List<InputStream> files = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      files.add(new FileInputStream("/dev/null"));
    }
    print("open descriptors", Files.list(Path.of("/proc/self/fd")).count() >= 1100);

    try (ScriptBackend auto = NftBackends.open(Map.of("NFT_BACKEND", "auto"))) {
      auto.apply(Transaction.builder().add(table("crowded")).build());
      print("auto applied", auto.listTable(ref("crowded")).isPresent());
      print("auto fallback calls", ((LibNftablesBackend) auto).fallbackCalls());
    }
    try (ScriptBackend strict = NftBackends.open(Map.of("NFT_BACKEND", "libnftables"))) {
      attempt("libnftables only", () -> strict.apply(Transaction.builder().build()));
      for (InputStream file : files) {
        file.close();
      }
      strict.apply(Transaction.builder().add(table("relieved")).build());
      print("after closing", strict.listTable(ref("relieved")).isPresent());
      print("still alive", true);
    }
  }

  /**
   * Opens files until the descriptor limit is reached, with libnftables loaded before or not:
   * libnftables, unable to open its netlink socket, would call exit().
   */
  private static void noDescriptors(boolean loadFirst) throws ClassNotFoundException {
    // Loads the classes the calls need while a descriptor is free to read them with: when the
    // build runs from class directories, each class is a file of its own.
    for (String name :
        List.of(
            "NftBackends",
            "NftBackends$Choice",
            "LibNftablesLoader",
            "FileDescriptors",
            "LibNftablesBackend",
            "Nftables",
            "Nftables$Opening",
            "ScriptBackend")) {
      Class.forName("io.github.ocservnat.nft.backend." + name);
    }
    Class.forName(NftException.Kind.class.getName());
    if (loadFirst) {
      NftBackends.open(Map.of("NFT_BACKEND", "libnftables")).close();
    }
    List<InputStream> files = new ArrayList<>();
    try {
      while (true) {
        files.add(new FileInputStream("/dev/null"));
      }
    } catch (IOException expected) {
      // The limit is reached.
    }
    String outcome;
    try (ScriptBackend nft = NftBackends.open(Map.of("NFT_BACKEND", "libnftables"))) {
      nft.run("add table inet crowded\n");
      outcome = "applied through " + nft.describe();
    } catch (NftException e) {
      outcome = e.kind() + " " + e.getMessage();
    }
    for (InputStream file : files) {
      try {
        file.close();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    print("at the limit", outcome);
    print("files opened", files.size() > 100);
    try (ScriptBackend nft = NftBackends.open(Map.of("NFT_BACKEND", "libnftables"))) {
      nft.apply(Transaction.builder().add(table("later")).build());
      print("after closing", nft.listTable(ref("later")).isPresent());
    }
    print("still alive", true);
  }

  /** Many threads share one backend: each adds its own rules while others list. */
  private static void threads(Map<String, String> choice) throws Exception {
    int threads = 16;
    int rulesEach = 25;
    try (ScriptBackend nft = NftBackends.open(choice)) {
      nft.apply(Transaction.builder().add(table("busy")).build());
      ExecutorService pool = Executors.newFixedThreadPool(threads * 2);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < rulesEach; i++) {
                    nft.run(
                        "add rule inet busy forward counter comment \"t"
                            + thread
                            + "-"
                            + i
                            + "\"\n");
                  }
                  return null;
                }));
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < rulesEach; i++) {
                    nft.listTable(ref("busy")).orElseThrow();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : work) {
        future.get();
      }
      pool.shutdown();
      Table busy = nft.listTable(ref("busy")).orElseThrow();
      List<Rule> rules = busy.chains().get(0).rules();
      print("rules", rules.size());
      print("distinct comments", rules.stream().map(Rule::comment).distinct().count());
    }
  }

  /**
   * Makes {@code calls} calls of four kinds (apply a table, change a set, list, a refused script)
   * and prints the resident set size after the first tenth and at the end. Dry runs are left out:
   * the kernel takes about 9 ms to abort one, against 50 us for these.
   */
  private static void memory(Map<String, String> choice, int calls) throws IOException {
    try (ScriptBackend nft = NftBackends.open(choice)) {
      nft.apply(Transaction.builder().add(table("steady")).build());
      nft.run("add set inet steady seen { type ipv4_addr; }\n");
      Transaction change = Transaction.builder().flush(ref("steady")).add(table("steady")).build();
      long warm = 0;
      for (int i = 1; i <= calls; i++) {
        switch (i % 4) {
          case 0 -> nft.apply(change);
          case 1 ->
              nft.run(
                  "add element inet steady seen { 192.0.2.1 }\n"
                      + "delete element inet steady seen { 192.0.2.1 }\n");
          case 2 -> nft.listTable(ref("steady")).orElseThrow();
          default -> {
            try {
              nft.run("add rule inet steady forward frobnicate\n");
              throw new AssertionError("a bad script was accepted");
            } catch (NftException expected) {
              // The error path must not leak either.
            }
          }
        }
        if (i == calls / 10) {
          warm = residentKib();
        }
      }
      print("calls", calls);
      print("rss after first tenth KiB", warm);
      print("rss at end KiB", residentKib());
    }
  }

  private static void probe(Map<String, String> choice) {
    try (ScriptBackend nft = NftBackends.open(choice)) {
      NftCapabilities capabilities = NftCapabilities.probe(nft);
      print("backend", capabilities.backend());
      print("version", capabilities.nftablesVersion().orElse("unknown"));
      print("kernel", capabilities.kernelRelease());
      print("inet nat", capabilities.inetNat());
      print("destroy", capabilities.destroy());
      print("tables after probing", nft.listRuleset().size());
    }
  }

  private static long residentKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  private static Table table(String name) {
    return Table.builder(Family.INET, name)
        .chain(
            Chain.builder("forward")
                .base(ChainType.FILTER, Hook.FORWARD, Priority.FILTER)
                .rule(Counter.anonymous(), Verdict.ACCEPT)
                .build())
        .build();
  }

  private static TableRef ref(String name) {
    return new TableRef(Family.INET, name);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void attempt(String what, Call call) {
    try {
      call.run();
      print(what, "succeeded");
    } catch (NftException e) {
      print(what, e.kind() + " " + e.getMessage());
      String text = e.nftError().replaceAll("/proc/self/fd/\\d+|/dev/stdin", "<input>");
      print(what + " nft text", text.contains("--accepting rule") ? "with scanner trace" : text);
    } catch (Exception e) {
      print(what, "threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void print(String key, Object value) {
    System.out.println(key + ": " + value);
  }

  static Optional<String> value(String output, String key) {
    return output
        .lines()
        .filter(l -> l.startsWith(key + ": "))
        .map(l -> l.substring(key.length() + 2))
        .findFirst();
  }
}
