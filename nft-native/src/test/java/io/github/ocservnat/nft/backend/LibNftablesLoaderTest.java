package io.github.ocservnat.nft.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ocservnat.nft.model.NftException;
import org.junit.jupiter.api.Test;

class LibNftablesLoaderTest {
  @Test
  void missingLibraryFailsWithWhatToInstall() {
    LibNftablesLoader loader = new LibNftablesLoader("libnftables-absent.so.9");

    assertThatThrownBy(loader::library)
        .isInstanceOfSatisfying(
            NftException.class, e -> assertThat(e.kind()).isEqualTo(NftException.Kind.UNAVAILABLE))
        .hasMessageStartingWith("libnftables-absent.so.9 could not be loaded (")
        .hasMessageEndingWith(
            "); install libnftables (Debian and Ubuntu: apt-get install libnftables1;"
                + " Alpine: apk add nftables; Fedora: dnf install nftables)");
    assertThatThrownBy(() -> Nftables.open(loader)).hasMessage(catchFailure(loader).getMessage());
  }

  @Test
  void libraryWithoutTheFunctionsFailsAtLoad() {
    // libmnl ships with nftables everywhere; it loads, but has none of libnftables' functions.
    LibNftablesLoader loader = new LibNftablesLoader("libmnl.so.0");

    assertThatThrownBy(loader::library)
        .isInstanceOfSatisfying(
            NftException.class, e -> assertThat(e.kind()).isEqualTo(NftException.Kind.UNAVAILABLE))
        .hasMessageStartingWith("libmnl.so.0 has no function nft_")
        .hasMessageContaining("; it is not libnftables 0.9.3 or later; install libnftables");
  }

  @Test
  void systemLibraryLoads() {
    assertThat(LibNftablesLoader.system().library()).isNotNull();
    assertThat(LibNftablesLoader.system().name()).isEqualTo("libnftables.so.1");
  }

  private static Throwable catchFailure(LibNftablesLoader loader) {
    try {
      loader.library();
      throw new AssertionError("expected a failure");
    } catch (NftException e) {
      return e;
    }
  }
}
