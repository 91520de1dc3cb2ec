package io.github.ocservnat.nft.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.ocservnat.nft.model.NftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executable backend against stand-ins for nft that misbehave; no kernel is involved. */
class NftExecutableBackendTest {
  @TempDir Path dir;

  private NftExecutableBackend fake(String body) throws IOException {
    Path nft = dir.resolve("nft");
    Files.writeString(nft, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(nft, PosixFilePermissions.fromString("rwx------"));
    return NftExecutableBackend.at(nft).withTimeout(Duration.ofSeconds(2));
  }

  @Test
  void anNftThatNeverReadsItsInputIsKilledAtTheTimeout() throws IOException {
    NftExecutableBackend nft = fake("sleep 30");
    String big = "add table inet t\n".repeat(100_000);

    long start = System.nanoTime();
    assertThatThrownBy(() -> nft.run(big))
        .isInstanceOf(NftException.class)
        .hasMessageEndingWith(
            "/nft' did not finish within 2000 ms and was killed; whether the transaction took"
                + " effect is unknown");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  /**
   * When nft exits, the JDK itself may empty and close the pipes it has not started reading, so the
   * call may also return nft's (empty) output at once; what it must not do is wait for the child.
   */
  @Test
  void aChildThatKeepsTheOutputOpenDoesNotHoldTheCaller() throws IOException {
    // A timeout well above the bound below: the call must end with nft, not at the timeout.
    NftExecutableBackend nft = fake("sleep 60 >&2 &\nexit 0").withTimeout(Duration.ofSeconds(30));

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> nft.run("add table inet t\n"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    if (thrown != null) {
      assertThat(thrown)
          .hasMessage(
              "nft executable: '"
                  + dir.resolve("nft")
                  + "' exited 0, but a process it started kept its output open, so the output"
                  + " was not read");
    }
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aCrashIsNamedWithItsSignal() throws IOException {
    NftExecutableBackend nft = fake("echo 'malloc(): invalid size' >&2\nkill -SEGV $$");

    assertThatThrownBy(() -> nft.check("add table inet t\n"))
        .isInstanceOfSatisfying(
            NftException.class, e -> assertThat(e.kind()).isEqualTo(NftException.Kind.OTHER))
        .hasMessage(
            "nft executable: '"
                + dir.resolve("nft")
                + "' was killed by signal 11: malloc():"
                + " invalid size");
  }

  @Test
  void silenceIsReportedWithTheExitStatus() throws IOException {
    NftExecutableBackend nft = fake("exit 1");

    assertThatThrownBy(() -> nft.run("add table inet t\n"))
        .hasMessage("nft executable: '" + dir.resolve("nft") + "' exited 1 without a message");
    assertThatThrownBy(nft::version)
        .isInstanceOfSatisfying(
            NftException.class, e -> assertThat(e.kind()).isEqualTo(NftException.Kind.UNAVAILABLE))
        .hasMessage(
            "nft executable: '"
                + dir.resolve("nft")
                + "' exited 1 without a message when asked for its --version; it is not a working"
                + " nft");
  }

  @Test
  void anExecutableThatPrintsNoVersionIsNotNft() throws IOException {
    NftExecutableBackend nft = fake("exit 0");

    assertThatThrownBy(nft::version)
        .isInstanceOfSatisfying(
            NftException.class, e -> assertThat(e.kind()).isEqualTo(NftException.Kind.UNAVAILABLE))
        .hasMessage(
            "nft executable: '" + dir.resolve("nft") + "' printed no version; it is not nft");
  }

  @Test
  void aMissingLibraryMakesTheExecutableUnavailable() throws IOException {
    NftExecutableBackend nft =
        fake(
            "echo '/usr/sbin/nft: error while loading shared libraries: libnftables.so.1: cannot"
                + " open shared object file: No such file or directory' >&2\nexit 127");

    assertThatThrownBy(() -> nft.run("add table inet t\n"))
        .isInstanceOfSatisfying(
            NftException.class, e -> assertThat(e.kind()).isEqualTo(NftException.Kind.UNAVAILABLE))
        .hasMessageEndingWith(
            "; it needs libnftables (Debian and Ubuntu: apt-get install libnftables1)");
  }
}
