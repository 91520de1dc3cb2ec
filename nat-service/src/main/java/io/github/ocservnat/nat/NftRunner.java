package io.github.ocservnat.nat;

import io.github.ocservnat.nft.backend.Nftables;
import io.github.ocservnat.nft.model.NftException;

/** Where init-nat sends its nft script: libnftables in production, a recorder in tests. */
interface NftRunner extends AutoCloseable {
  /**
   * Runs {@code script} as one transaction.
   *
   * @throws NftException if nft refused it
   */
  String run(String script);

  @Override
  void close();

  /**
   * Opens the system's libnftables.
   *
   * @throws NftException of kind UNAVAILABLE if it cannot be loaded
   */
  static NftRunner libnftables() {
    Nftables nftables = Nftables.open();
    return new NftRunner() {
      @Override
      public String run(String script) {
        return nftables.run(script).output();
      }

      @Override
      public void close() {
        nftables.close();
      }
    };
  }
}
