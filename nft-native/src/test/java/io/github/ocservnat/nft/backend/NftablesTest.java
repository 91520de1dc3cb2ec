package io.github.ocservnat.nft.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ocservnat.nft.model.NftException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the binding does without touching a ruleset: settings, and scripts that fail before nft
 * talks to the kernel. Applying and listing are tested in network namespaces, in the integration
 * tests.
 */
class NftablesTest {
  @Test
  void syntaxErrorNamesLineAndColumnAndKeepsNftsText() {
    try (Nftables nft = Nftables.open()) {
      assertThatThrownBy(() -> nft.run("add table inet a\nadd tabel inet ocserv\n"))
          .isInstanceOfSatisfying(
              NftException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(NftException.Kind.SYNTAX);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "syntax error, unexpected inet, expecting string at line 2, column 11:"
                            + " add tabel inet ocserv");
                assertThat(e.location())
                    .contains(new NftException.Location(2, 11, 14, "add tabel inet ocserv"));
                assertThat(e.nftError())
                    .matches(
                        "/proc/self/fd/\\d+:2:11-14: Error: syntax error, unexpected inet,"
                            + " expecting string\n"
                            + "add tabel inet ocserv\n"
                            + " {10}\\^{4}\n");
              });
    }
  }

  @Test
  void settingsReadBackAsSet() {
    try (Nftables nft = Nftables.open()) {
      assertThat(nft.outputFlags()).isEmpty();
      assertThat(nft.debugFlags()).isEmpty();
      assertThat(nft.dryRun()).isFalse();

      nft.setOutputFlags(EnumSet.of(OutputFlag.HANDLE, OutputFlag.JSON, OutputFlag.TERSE));
      nft.setDebugFlags(List.of(DebugFlag.EVALUATION, DebugFlag.SEGTREE));
      nft.setDryRun(true);

      assertThat(nft.outputFlags())
          .containsExactly(OutputFlag.HANDLE, OutputFlag.JSON, OutputFlag.TERSE);
      assertThat(nft.debugFlags()).containsExactly(DebugFlag.EVALUATION, DebugFlag.SEGTREE);
      assertThat(nft.dryRun()).isTrue();
    }
  }

  @Test
  void optionalFunctionsAreProbedAtLoad() {
    // Debian bookworm's libnftables 1.0.6 has the optimizer, not input flags.
    try (Nftables nft = Nftables.open()) {
      assertThat(nft.features()).isEqualTo(Set.of(Feature.OPTIMIZE));

      nft.setOptimize(true);
      assertThat(nft.optimize()).isTrue();
      assertThatThrownBy(() -> nft.setInputFlags(List.of(InputFlag.NO_DNS)))
          .isInstanceOfSatisfying(
              NftException.class,
              e -> assertThat(e.kind()).isEqualTo(NftException.Kind.NOT_SUPPORTED))
          .hasMessage(
              "this libnftables has no input flags (nft_ctx_input_set_flags, nftables 1.0.9 and"
                  + " later)");
    }
  }

  @Test
  void closedContextRefusesWork() {
    Nftables nft = Nftables.open();
    nft.close();
    nft.close();

    assertThatThrownBy(() -> nft.run("list tables"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("nftables context is closed");
  }
}
