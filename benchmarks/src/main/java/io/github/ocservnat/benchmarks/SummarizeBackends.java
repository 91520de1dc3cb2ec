package io.github.ocservnat.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts one {@link BackendBenchmark} run side by side: each benchmark's time with libnftables in
 * process and with the nft executable, and how many times faster the first is, as a Markdown table
 * on standard output.
 */
public final class SummarizeBackends {
  private static final List<String> ORDER =
      List.of(
          "smallTransaction",
          "thousandSmallTransactions",
          "tenThousandRuleTransaction",
          "hundredThousandElementSet");

  private SummarizeBackends() {}

  /** Reads JMH's {@code jmh.json} and prints the table. */
  public static void main(String[] args) throws IOException {
    Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
    for (JsonNode result : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
      String name = result.get("benchmark").asText().replaceAll(".*\\.", "");
      String backend = result.get("params").get("backend").asText();
      JsonNode metric = result.get("primaryMetric");
      scores
          .computeIfAbsent(name, n -> new LinkedHashMap<>())
          .put(
              backend,
              new double[] {metric.get("score").asDouble(), metric.get("scoreError").asDouble()});
    }

    if (scores.isEmpty()) {
      throw new IllegalStateException(args[0] + " holds no results: the benchmarks did not run");
    }

    System.out.println("| benchmark | libnftables, ms | nft executable, ms | in process is |");
    System.out.println("|---|---:|---:|---:|");
    for (String name : ORDER) {
      Map<String, double[]> backends = scores.get(name);
      if (backends == null) {
        continue;
      }
      double[] lib = backends.get("libnftables");
      double[] exec = backends.get("nft");
      System.out.printf(
          "| %s | %s | %s | %.1f× faster |%n", name, format(lib), format(exec), exec[0] / lib[0]);
    }
  }

  private static String format(double[] score) {
    String pattern = score[0] < 1 ? "%.3f" : "%.1f";
    String value = String.format(pattern, score[0]);
    return Double.isNaN(score[1]) ? value : value + " ± " + String.format(pattern, score[1]);
  }
}
