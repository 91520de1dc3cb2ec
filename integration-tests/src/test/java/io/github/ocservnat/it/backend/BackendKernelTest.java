package io.github.ocservnat.it.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.it.Command;
import io.github.ocservnat.it.Jvm;
import io.github.ocservnat.it.KernelTest;
import io.github.ocservnat.it.NetworkNamespace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The nft-native backends against the real library, executable and kernel. Each case runs {@link
 * BackendScenario} in a JVM of its own inside a fresh network namespace and compares what it
 * printed.
 */
@KernelTest
class BackendKernelTest {
  private NetworkNamespace namespace;

  @BeforeEach
  void freshNamespace() {
    namespace = NetworkNamespace.create();
  }

  @AfterEach
  void deleteNamespace() {
    namespace.close();
  }

  private Command.Result scenario(List<String> wrapper, String... args) {
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(
        Jvm.command(
            List.of("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch"), BackendScenario.class, args));
    return namespace.exec(command.toArray(String[]::new));
  }

  private String run(String... args) {
    return scenario(List.of(), args).check();
  }

  @ParameterizedTest
  @ValueSource(strings = {"libnftables", "nft"})
  void bothBackendsReportEachKindOfFailureAlike(String backend) {
    String out = run("errors", backend);

    assertThat(out)
        .contains(
            """
            syntax: SYNTAX syntax error, unexpected inet, expecting string at line 3, column 9: \
            add rul inet a c
            syntax nft text: <input>:3:9-12: Error: syntax error, unexpected inet, expecting string
            add rul inet a c
                    ^^^^
            """)
        .contains(
            """
            not found: NOT_FOUND No such file or directory; did you mean table ‘kept’ in family \
            inet? at line 1, column 19: delete table inet absent
            """)
        .contains(
            """
            exists: ALREADY_EXISTS Could not process rule: File exists at line 1, column 19: \
            create table inet kept
            """)
        .contains(
            """
            refused: NOT_SUPPORTED No such file or directory at line 4, column 24: add rule inet \
            atomic c queue num 3 (the kernel has no support for 'queue'; load nft_queue on the \
            host)
            """)
        .contains("atomic table after refusal: false\n")
        .contains(
            """
            check refused: NOT_FOUND Could not process rule: No such file or directory at line \
            2, column 20: add rule inet kept nochain accept
            """)
        .contains("checked table after check: false\n")
        .contains("kept table: true\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"libnftables", "nft"})
  void withoutNetAdminEveryCallIsPermissionDenied(String backend) {
    // A user namespace made inside the network namespace holds no capability over it.
    Command.Result result =
        scenario(List.of("unshare", "--user", "--map-root-user"), "permission", backend);

    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .contains(
            "list: PERMISSION_DENIED cache initialization failed: Operation not permitted (the"
                + " process lacks CAP_NET_ADMIN in its network namespace)\n")
        .contains(
            "apply: PERMISSION_DENIED cache initialization failed: Operation not permitted (the"
                + " process lacks CAP_NET_ADMIN in its network namespace)\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void whatLibnftablesWritesToTheProcessStreamsIsCaptured() {
    Command.Result result = scenario(List.of(), "stderr");

    assertThat(result.out())
        .isEqualTo(
            """
            scanner trace captured: true
            traced failure: SYNTAX syntax error, unexpected inet, expecting string at line 1, \
            column 11: add tabel inet traced
            traced failure nft text: with scanner trace
            protocol trace captured: true
            quiet again: true
            """);
    assertThat(result.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"libnftables", "nft"})
  void statementsWithoutATextFormGoInAsJson(String backend) {
    String out = run("raw", backend);

    assertThat(out)
        .isEqualTo(
            """
            read back equal: true
            listing only: threw IllegalArgumentException: command: 'flush ruleset' is not one \
            listing of the ruleset or its objects (example: list ruleset)
            """);
  }

  @Test
  void moreThan1024DescriptorsSendTheCallToTheExecutable() {
    Command.Result result = scenario(List.of(), "descriptors");

    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            open descriptors: true
            auto applied: true
            auto fallback calls: 2
            libnftables only: UNAVAILABLE libnftables is not safe in this process now: its \
            netlink socket would get file descriptor %s, and libnftables waits on it with \
            select(), which aborts the process for descriptors 1024 and above; close descriptors \
            first, or use the nft executable
            libnftables only nft text:\s
            after closing: true
            still alive: true
            """
                .formatted(
                    BackendScenario.value(result.out(), "libnftables only")
                        .orElseThrow()
                        .replaceAll(".*file descriptor (\\d+),.*", "$1")));
    assertThat(result.err()).isEmpty();
  }

  /**
   * At the descriptor limit, with libnftables not loaded yet (its load is refused and tried again
   * later) or loaded (its context is refused, where libnftables would exit the process).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "unloaded| libnftables.so.1 could not be loaded: the process has no file descriptor left;"
            + " close some, or raise its limit (ulimit -n)",
        "loaded| libnftables cannot open a netfilter netlink socket (Too many open files); the"
            + " process has no file descriptor left; raise its limit (ulimit -n)"
      })
  void withNoDescriptorLeftNothingExitsTheProcess(String library, String refusal) {
    Command.Result result =
        scenario(List.of("prlimit", "--nofile=512:512"), "no descriptors", library);

    assertThat(result.out())
        .as("stderr: %s", result.err())
        .isEqualTo(
            "at the limit: UNAVAILABLE "
                + refusal
                + "\nfiles opened: true\nafter closing: true\nstill alive: true\n");
    assertThat(result.exit()).isZero();
  }

  @Test
  void withAFewDescriptorsFreeCallsFailInsteadOfExitingTheProcess() {
    Command.Result result =
        scenario(List.of("prlimit", "--nofile=512:512"), "nearly no descriptors");

    assertThat(result.out())
        .as("stderr: %s", result.err())
        .isEqualTo(
            """
            0 free: call UNAVAILABLE (too few free), open UNAVAILABLE (none free)
            1 free: call UNAVAILABLE (too few free), open UNAVAILABLE (none free)
            2 free: call UNAVAILABLE (too few free), open UNAVAILABLE (none free)
            3 free: call UNAVAILABLE (too few free), open UNAVAILABLE (too few free)
            4 free: call UNAVAILABLE (too few free), open UNAVAILABLE (too few free)
            5 free: call UNAVAILABLE (too few free), open UNAVAILABLE (too few free)
            6 free: call ok, open UNAVAILABLE (too few free)
            7 free: call ok, open UNAVAILABLE (too few free)
            8 free: call ok, open UNAVAILABLE (too few free)
            9 free: call ok, open UNAVAILABLE (too few free)
            still alive: true
            """);
    assertThat(result.exit()).isZero();
  }

  @Test
  void withStderrClosedCallsStillReportWhatHappened() {
    Command.Result result = scenario(List.of("sh", "-c", "exec \"$0\" \"$@\" 2>&-"), "no stderr");

    assertThat(result.out())
        .isEqualTo(
            """
            bad script: SYNTAX syntax error, unexpected inet, expecting string at line 1, \
            column 9: add rul inet t c
            bad script nft text: <input>:1:9-12: Error: syntax error, unexpected inet, expecting \
            string
            add rul inet t c
                    ^^^^

            listing: true
            """);
  }

  @Test
  void aStderrOpenOnlyForReadingIsLeftAlone() {
    Command.Result result =
        scenario(List.of("sh", "-c", "exec \"$0\" \"$@\" 2</etc/hostname"), "read-only stderr");

    assertThat(result.out())
        .isEqualTo("trace left uncaptured: true\ndescriptor 2 unchanged: true\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"libnftables", "nft"})
  void concurrentCallersAllSucceed(String backend) {
    String out = run("threads", backend);

    assertThat(out).isEqualTo("rules: 401\ndistinct comments: 401\n");
  }

  @Test
  void probesReportVersionsAndFeatures() {
    String libnftables = run("probe", "libnftables");
    String nft = run("probe", "nft");

    String kernel = System.getProperty("os.version");
    assertThat(libnftables)
        .isEqualTo(
            """
            backend: libnftables (libnftables.so.1, in process)
            version: 1.0.6
            kernel: %s
            inet nat: Capability[status=YES, detail=]
            destroy: Capability[status=NO, detail=this nftables has no destroy command \
            (nftables 1.0.8 and later)]
            tables after probing: 0
            """
                .formatted(kernel));
    assertThat(nft)
        .isEqualTo(
            libnftables.replace(
                "libnftables (libnftables.so.1, in process)",
                "the nft executable (/usr/sbin/nft)"));
  }

  /**
   * 100,000 calls into libnftables, with a fixed, pre-touched heap, so that growth of the resident
   * set is native memory: 4 MiB over the last 90,000 calls would be 46 bytes a call.
   */
  @Test
  void nativeMemoryDoesNotGrowOver100000Calls() {
    String out = run("memory", "libnftables", "100000");

    long warm =
        Long.parseLong(BackendScenario.value(out, "rss after first tenth KiB").orElseThrow());
    long end = Long.parseLong(BackendScenario.value(out, "rss at end KiB").orElseThrow());
    assertThat(out).startsWith("calls: 100000\n");
    assertThat(end - warm).isLessThan(4096);
  }
}
