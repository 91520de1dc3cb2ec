package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ocservnat.it.KernelTest;
import io.github.ocservnat.it.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live table with statements the model does not know reads into the model without failing, and
 * written back as JSON into another namespace it lists exactly as the original.
 */
@KernelTest
class UnknownStatementsKernelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TABLE =
      """
      table inet u {
      \tchain out {
      \t\ttype filter hook output priority filter; policy accept;
      \t\tip ttl 64 counter accept
      \t\tmeta skuid 0 accept
      \t\tlog group 2 prefix "grp"
      \t\tip dscp cs1 accept
      \t\tlimit rate 10 kbytes/second accept
      \t\ttcp dport 22 accept
      \t}
      }
      """;

  /** The listing with what differs between two applies of the same table taken out. */
  private static JsonNode comparable(String listing) throws IOException {
    ArrayNode objects = (ArrayNode) JSON.readTree(listing).get("nftables");
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode object : objects) {
      if (!object.has("metainfo")) {
        object.forEach(body -> ((ObjectNode) body).remove("handle"));
        kept.add(object);
      }
    }
    return kept;
  }

  @Test
  void unknownStatementsSurviveAReadAndAWrite() throws IOException {
    Path script = Files.createTempFile("unknown", ".nft");
    Path json = Files.createTempFile("unknown", ".json");
    try (NetworkNamespace first = NetworkNamespace.create();
        NetworkNamespace second = NetworkNamespace.create()) {
      Files.writeString(script, TABLE);
      first.nft("-f", script.toString());
      String original = first.nft("-j", "list", "table", "inet", "u");

      Table read = NftJsonReader.table(original, Family.INET, "u").orElseThrow();
      Files.writeString(json, NftJson.transaction(Transaction.builder().add(read).build()));
      second.nft("-j", "-f", json.toString());
      String copy = second.nft("-j", "list", "table", "inet", "u");

      List<Statement> statements =
          read.chain("out").orElseThrow().rules().stream()
              .flatMap(rule -> rule.statements().stream())
              .toList();
      assertThat(statements.stream().filter(RawStatement.class::isInstance)).hasSize(5);
      assertThat(statements).contains(Match.tcpDport(Port.of(22)), Verdict.ACCEPT);
      assertThat(comparable(copy)).isEqualTo(comparable(original));
      assertThat(NftJsonReader.table(copy, Family.INET, "u")).contains(read);
    } finally {
      Files.deleteIfExists(script);
      Files.deleteIfExists(json);
    }
  }
}
