package io.github.ocservnat.nft.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.NftException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NftBackendsTest {
  private static final LibNftablesLoader MISSING = new LibNftablesLoader("libnftables-absent.so.9");

  @Test
  void autoPrefersLibnftables() {
    try (ScriptBackend backend =
        NftBackends.open(
            NftBackends.Choice.AUTO, LibNftablesLoader::system, NftExecutableBackend::find)) {
      assertThat(backend).isInstanceOf(LibNftablesBackend.class);
      assertThat(backend.describe()).isEqualTo("libnftables (libnftables.so.1, in process)");
    }
  }

  @Test
  void autoFallsBackToTheExecutable() {
    try (ScriptBackend backend =
        NftBackends.open(NftBackends.Choice.AUTO, () -> MISSING, NftExecutableBackend::find)) {
      assertThat(backend).isInstanceOf(NftExecutableBackend.class);
      assertThat(backend.describe()).isEqualTo("the nft executable (/usr/sbin/nft)");
    }
  }

  @Test
  void autoWithNeitherSaysWhyForBoth() {
    assertThatThrownBy(
            () ->
                NftBackends.open(
                    NftBackends.Choice.AUTO,
                    () -> MISSING,
                    () -> NftExecutableBackend.find("/nonexistent", List.of())))
        .isInstanceOfSatisfying(
            NftException.class, e -> assertThat(e.kind()).isEqualTo(NftException.Kind.UNAVAILABLE))
        .hasMessageStartingWith(
            "neither libnftables nor the nft executable can be used: libnftables-absent.so.9 could"
                + " not be loaded (")
        .hasMessageEndingWith(
            "; no nft executable in /nonexistent; install nftables (Debian and Ubuntu: apt-get"
                + " install nftables; Alpine: apk add nftables)");
  }

  @Test
  void explicitChoicesDoNotFallBack() {
    assertThatThrownBy(
            () ->
                NftBackends.open(
                    NftBackends.Choice.LIBNFTABLES, () -> MISSING, NftExecutableBackend::find))
        .hasMessageStartingWith("libnftables-absent.so.9 could not be loaded (");
    try (ScriptBackend backend =
        NftBackends.open(
            NftBackends.Choice.EXECUTABLE,
            () -> {
              throw new AssertionError("the executable alone loads no libnftables");
            },
            NftExecutableBackend::find)) {
      assertThat(backend).isInstanceOf(NftExecutableBackend.class);
    }
  }

  @Test
  void environmentChoosesTheBackendAndTheExecutable() {
    try (ScriptBackend backend =
        NftBackends.open(Map.of("NFT_BACKEND", "NFT", "NFT_EXECUTABLE", "/usr/sbin/nft"))) {
      assertThat(backend.describe()).isEqualTo("the nft executable (/usr/sbin/nft)");
    }
    assertThatThrownBy(() -> NftBackends.open(Map.of("NFT_BACKEND", "iptables")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "NFT_BACKEND: 'iptables' is not a backend: use auto, libnftables or nft (example:"
                + " libnftables)");
    assertThatThrownBy(() -> NftBackends.open(Map.of("NFT_BACKEND", "")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("NFT_BACKEND: '' is not a backend");
    assertThatThrownBy(
            () -> NftBackends.open(Map.of("NFT_BACKEND", "nft", "NFT_EXECUTABLE", "/etc/passwd")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "NFT_EXECUTABLE: '/etc/passwd' is not an executable file (example: /usr/sbin/nft)");
  }

  @Test
  void executableIsFoundOnPathOrInSbin() {
    assertThat(NftExecutableBackend.find("/nonexistent:/usr/sbin").executable())
        .isEqualTo(Path.of("/usr/sbin/nft"));
    assertThat(NftExecutableBackend.find("").executable()).isEqualTo(Path.of("/usr/sbin/nft"));
  }

  @Test
  void executableReportsItsVersionAndSyntaxErrors() {
    NftExecutableBackend nft = NftExecutableBackend.find();

    assertThat(nft.version()).matches("\\d+\\.\\d+\\.\\d+");
    assertThatThrownBy(() -> nft.check("add table inet a\nadd tabel inet ocserv\n"))
        .isInstanceOfSatisfying(
            NftException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(NftException.Kind.SYNTAX);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "syntax error, unexpected inet, expecting string at line 2, column 11:"
                          + " add tabel inet ocserv");
              assertThat(e.nftError())
                  .isEqualTo(
                      "/dev/stdin:2:11-14: Error: syntax error, unexpected inet, expecting string\n"
                          + "add tabel inet ocserv\n"
                          + "          ^^^^\n");
            });
  }

  @Test
  void kernelReleasesCompare() {
    assertThat(NftCapabilities.olderThan("4.19.0-27-amd64", 5, 2)).isTrue();
    assertThat(NftCapabilities.olderThan("5.1.21", 5, 2)).isTrue();
    assertThat(NftCapabilities.olderThan("5.2.0", 5, 2)).isFalse();
    assertThat(NftCapabilities.olderThan("6.18.44-fc-v1252", 5, 2)).isFalse();
  }
}
