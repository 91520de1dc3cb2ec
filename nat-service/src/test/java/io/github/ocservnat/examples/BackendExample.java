package io.github.ocservnat.examples;

import io.github.ocservnat.nft.backend.NftBackends;
import io.github.ocservnat.nft.backend.NftCapabilities;
import io.github.ocservnat.nft.backend.ScriptBackend;
import io.github.ocservnat.nft.model.NftException;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.Transaction;
import java.util.function.Consumer;

/**
 * The example of docs/backends.md. It is compiled, and the page is checked against it, but not run:
 * it needs CAP_NET_ADMIN. BackendKernelTest makes the same calls in a network namespace.
 */
final class BackendExample {
  private BackendExample() {}

  // begin example
  /** Replaces {@code table} atomically, or logs why it could not, with the kind of failure. */
  static boolean replace(Table table, Consumer<String> log) {
    try (ScriptBackend nft = NftBackends.open()) {
      NftCapabilities capabilities = NftCapabilities.probe(nft);
      log.accept(
          "nftables "
              + capabilities.nftablesVersion().orElse("(version unknown)")
              + " through "
              + capabilities.backend()
              + ", kernel "
              + capabilities.kernelRelease());

      nft.apply(Transaction.replacing(table));
      return true;
    } catch (NftException e) {
      switch (e.kind()) {
        case PERMISSION_DENIED -> log.accept("no CAP_NET_ADMIN here: " + e.getMessage());
        case NOT_SUPPORTED -> log.accept("the kernel lacks a feature: " + e.getMessage());
        default -> log.accept("nft refused the table: " + e.getMessage());
      }
      e.location().ifPresent(l -> log.accept("at line " + l.line() + ": " + l.sourceLine()));
      return false;
    }
  }
  // end example
}
