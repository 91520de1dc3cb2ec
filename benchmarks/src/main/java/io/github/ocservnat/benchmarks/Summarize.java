package io.github.ocservnat.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts one run's figures side by side: what JMH measured for the model and what hyperfine measured
 * for nft applying the same ruleset, as a Markdown table on standard output.
 */
public final class Summarize {
  private Summarize() {}

  /** Reads {@code jmh.json} and {@code hyperfine.json} and prints the table. */
  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, double[]> model = new HashMap<>();
    for (JsonNode result : json.readTree(Path.of(args[0]).toFile())) {
      String name = result.get("benchmark").asText().replaceAll(".*\\.", "");
      JsonNode metric = result.get("primaryMetric");
      model.put(
          name, new double[] {metric.get("score").asDouble(), metric.get("scoreError").asDouble()});
    }
    JsonNode runs = json.readTree(Path.of(args[1]).toFile()).get("results");
    double nftText = runs.get(0).get("mean").asDouble() * 1000;
    double nftTextSd = runs.get(0).get("stddev").asDouble() * 1000;
    double nftJson = runs.get(1).get("mean").asDouble() * 1000;
    double nftJsonSd = runs.get(1).get("stddev").asDouble() * 1000;

    System.out.println("| what | ms | share of nft's apply |");
    System.out.println("|---|---:|---:|");
    System.out.printf("| nft -f, script text | %.0f ± %.0f | |%n", nftText, nftTextSd);
    System.out.printf("| nft -j -f, JSON | %.0f ± %.0f | |%n", nftJson, nftJsonSd);
    row("render script text", model.get("renderText"), nftText);
    row("render JSON", model.get("renderJson"), nftJson);
    row("read the JSON listing", model.get("readListing"), nftJson);
  }

  private static void row(String what, double[] score, double nft) {
    System.out.printf(
        "| %s | %.1f ± %.1f | %.2f%% |%n", what, score[0], score[1], 100 * score[0] / nft);
  }
}
