package io.github.ocservnat.nat;

import io.github.ocservnat.nft.backend.NftBackends;
import io.github.ocservnat.nft.backend.ScriptBackend;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.NftException;
import java.util.Map;

/**
 * Where init-nat sends its nft script: the backend {@link NftBackends} chooses in production, a
 * recorder in tests.
 */
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
   * Opens the backend {@code environment} asks for with NFT_BACKEND and NFT_EXECUTABLE:
   * libnftables, else the nft executable, unless one is forced.
   *
   * @throws InvalidValueException if NFT_BACKEND names no backend
   * @throws NftException of kind UNAVAILABLE if no backend can be used
   */
  static NftRunner open(Map<String, String> environment) {
    ScriptBackend backend = NftBackends.open(environment);
    return new NftRunner() {
      @Override
      public String run(String script) {
        return backend.run(script).output();
      }

      @Override
      public void close() {
        backend.close();
      }
    };
  }
}
