package io.github.ocservnat.it.traffic;

import io.github.ocservnat.nat.NatConfig;
import io.github.ocservnat.nat.NatRuleset;
import io.github.ocservnat.nft.backend.NftBackends;
import io.github.ocservnat.nft.backend.ScriptBackend;
import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.NftException;
import io.github.ocservnat.nft.model.RawStatement;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.Transaction;
import java.util.Map;

/**
 * Replaces table inet ocserv, through the library, with one the kernel refuses: init-nat's default
 * table with a masquerade in its forward chain, which is a filter chain. The model refuses a {@link
 * io.github.ocservnat.nft.model.Masquerade} there, so the masquerade is forced in as a raw JSON
 * statement, which the model cannot read. Run by {@link TrafficTest} in a JVM of its own inside the
 * gateway, with the backend as its argument; it prints what the backend threw.
 */
public final class RefusedReplacement {
  private RefusedReplacement() {}

  public static void main(String[] args) {
    Table good = NatRuleset.table(NatConfig.defaults());
    Table.Builder refused = Table.builder(good.family(), good.name());
    for (Chain chain : good.chains()) {
      boolean forward = chain.name().equals("forward");
      refused.chain(
          forward
              ? chain.toBuilder().rule(new RawStatement("{\"masquerade\": null}")).build()
              : chain);
    }

    try (ScriptBackend nft = NftBackends.open(Map.of(NftBackends.BACKEND_VARIABLE, args[0]))) {
      nft.apply(Transaction.replacing(refused.build()));
      System.out.println("applied");
    } catch (NftException e) {
      System.out.println(e.kind() + ": " + e.getMessage());
    }
  }
}
