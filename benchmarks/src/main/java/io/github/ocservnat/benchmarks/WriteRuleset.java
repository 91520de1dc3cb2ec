package io.github.ocservnat.benchmarks;

import io.github.ocservnat.nft.model.NftJson;
import io.github.ocservnat.nft.model.NftText;
import io.github.ocservnat.nft.model.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the benchmark ruleset as a script and as JSON, for nft to apply: {@code dir rules}. */
public final class WriteRuleset {
  private WriteRuleset() {}

  /** Writes {@code dir/ruleset.nft} and {@code dir/ruleset.json}. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Transaction add =
        Transaction.builder().add(Rulesets.vpnGateway(Integer.parseInt(args[1]))).build();
    Files.writeString(dir.resolve("ruleset.nft"), NftText.transaction(add));
    Files.writeString(dir.resolve("ruleset.json"), NftJson.transaction(add));
  }
}
