package io.github.ocservnat.nft.libnftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ocservnat.nft.model.NftException;
import org.junit.jupiter.api.Test;

/**
 * What the binding does without touching a ruleset: a script that does not parse fails before nft
 * talks to the kernel. Applying and listing are tested in network namespaces, in the integration
 * tests.
 */
class NftablesTest {
  @Test
  void syntaxErrorCarriesNftsOwnText() {
    try (Nftables nft = Nftables.open()) {
      assertThatThrownBy(() -> nft.run("add tabel inet ocserv\n"))
          .isInstanceOfSatisfying(
              NftException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(NftException.Kind.SYNTAX);
                assertThat(e.getMessage()).startsWith("Error: syntax error, unexpected ");
                assertThat(e.nftError()).contains("add tabel inet ocserv").contains("^^^^");
              });
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
