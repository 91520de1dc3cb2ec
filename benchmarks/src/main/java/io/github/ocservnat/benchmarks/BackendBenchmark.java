package io.github.ocservnat.benchmarks;

import io.github.ocservnat.nft.backend.NftBackends;
import io.github.ocservnat.nft.backend.ScriptBackend;
import io.github.ocservnat.nft.model.NftText;
import io.github.ocservnat.nft.model.Transaction;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * libnftables in process against the nft executable, each applying the same scripts: one small
 * transaction, 1,000 of them in a row, one transaction of 10,000 rules, and a set of 100,000
 * elements. Must run as root inside a throwaway network namespace (bin/benchmark-backends makes
 * one); every benchmark starts from an empty ruleset.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class BackendBenchmark {
  /** The backend, as {@code NFT_BACKEND} names it. */
  @Param({"libnftables", "nft"})
  public String backend;

  private static final String BASE =
      "add table inet bench\n"
          + "add chain inet bench clients\n"
          + "add set inet bench seen { type ipv4_addr; flags interval; }\n";

  /** What a connect script does for one client: its rule replaced, in one transaction. */
  private static final String SMALL =
      "flush chain inet bench clients\n"
          + "add rule inet bench clients ip saddr 10.10.0.2 iifname \"vpns0\" counter accept\n";

  private ScriptBackend nft;
  private String tenThousandRules;
  private String hundredThousandElements;

  @Setup(Level.Trial)
  public void open() {
    nft = NftBackends.open(Map.of("NFT_BACKEND", backend));
    tenThousandRules =
        NftText.transaction(Transaction.builder().add(Rulesets.vpnGateway(10_000)).build());
    StringBuilder elements = new StringBuilder("add element inet bench seen { ");
    for (int i = 0; i < 100_000; i++) {
      elements
          .append(i == 0 ? "" : ", ")
          .append("10.")
          .append(i >> 16 & 255)
          .append('.')
          .append(i >> 8 & 255)
          .append('.')
          .append(i & 255);
    }
    hundredThousandElements = elements.append(" }\n").toString();
  }

  @Setup(Level.Invocation)
  public void emptyRuleset() {
    nft.run("flush ruleset\n" + BASE);
  }

  @TearDown(Level.Trial)
  public void close() {
    nft.run("flush ruleset\n");
    nft.close();
  }

  @Benchmark
  @Warmup(iterations = 20)
  @Measurement(iterations = 50)
  public void smallTransaction() {
    nft.run(SMALL);
  }

  @Benchmark
  @Warmup(iterations = 1)
  @Measurement(iterations = 5)
  public void thousandSmallTransactions() {
    for (int i = 0; i < 1000; i++) {
      nft.run(SMALL);
    }
  }

  @Benchmark
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public void tenThousandRuleTransaction() {
    nft.run(tenThousandRules);
  }

  @Benchmark
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public void hundredThousandElementSet() {
    nft.run(hundredThousandElements);
  }
}
