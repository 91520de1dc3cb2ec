package io.github.ocservnat.benchmarks;

import io.github.ocservnat.nft.model.NftJson;
import io.github.ocservnat.nft.model.NftJsonReader;
import io.github.ocservnat.nft.model.NftText;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering 100,000 rules to nft script text and to libnftables JSON, and reading a 100,000 rule
 * listing as nft printed it. bin/benchmark-model runs this beside nft applying the same ruleset, so
 * the figures can be compared within one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModelBenchmark {
  /** How many rules. */
  @Param("100000")
  public int rules;

  /** A file holding what {@code nft -j list table inet bench} printed for the same ruleset. */
  @Param("")
  public String listing;

  private Transaction add;
  private String listed;

  /** Builds the ruleset and loads the listing. */
  @Setup
  public void setUp() throws IOException {
    Table table = Rulesets.vpnGateway(rules);
    add = Transaction.builder().add(table).build();
    listed = listing.isEmpty() ? NftJson.table(table) : Files.readString(Path.of(listing));
  }

  /** The script text for {@code nft -f}. */
  @Benchmark
  public String renderText() {
    return NftText.transaction(add);
  }

  /** The JSON commands for {@code nft -j -f}. */
  @Benchmark
  public String renderJson() {
    return NftJson.transaction(add);
  }

  /** The listing read into the model. */
  @Benchmark
  public List<Table> readListing() {
    return NftJsonReader.ruleset(listed);
  }
}
