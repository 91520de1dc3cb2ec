package io.github.ocservnat.it.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ocservnat.it.NetworkNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What arrived at the internet host's server addresses: each source address with its protocol, as
 * {@code 198.51.100.1 tcp}, and the MSS option of each TCP SYN. A table of the internet host's own
 * collects them in dynamic sets as the packets come in, so that what the tests read is what the
 * host saw, not what a ruleset says should happen.
 */
final class Witness {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SOURCES = List.of("sources4", "sources6");
  private static final List<String> SETS = List.of("sources4", "sources6", "mss");

  /** The table, its sets and its input chain, which each kind of witness gives its rules. */
  private static final String TABLE =
      "add table inet witness\n"
          + "add set inet witness sources4 { type ipv4_addr . inet_proto; flags dynamic; }\n"
          + "add set inet witness sources6 { type ipv6_addr . inet_proto; flags dynamic; }\n"
          + "add set inet witness mss { typeof tcp option maxseg size; flags dynamic; }\n"
          + "add chain inet witness input { type filter hook input priority 0; }\n";

  private final NetworkNamespace host;

  private Witness(NetworkNamespace host) {
    this.host = host;
  }

  /** Starts collecting what arrives at {@code server4} and {@code server6} in {@code host}. */
  static Witness install(NetworkNamespace host, String server4, String server6) {
    host.nft(
        TABLE
            + "add rule inet witness input ip daddr "
            + server4
            + " add @sources4 { ip saddr . meta l4proto }\n"
            + "add rule inet witness input ip6 daddr "
            + server6
            + " add @sources6 { ip6 saddr . meta l4proto }\n"
            + "add rule inet witness input ip daddr "
            + server4
            + " tcp flags syn add @mss { tcp option maxseg size }\n"
            + "add rule inet witness input ip6 daddr "
            + server6
            + " tcp flags syn add @mss { tcp option maxseg size }\n");
    return new Witness(host);
  }

  /**
   * Starts collecting, in the client {@code host}, the MSS of each SYN-ACK that comes from {@code
   * server4} or {@code server6}: what the server offers, as it arrives. Its sources stay empty.
   */
  static Witness installForAnswers(NetworkNamespace host, String server4, String server6) {
    host.nft(
        TABLE
            + "add rule inet witness input ip saddr "
            + server4
            + " tcp flags & (syn | ack) == syn | ack add @mss { tcp option maxseg size }\n"
            + "add rule inet witness input ip6 saddr "
            + server6
            + " tcp flags & (syn | ack) == syn | ack add @mss { tcp option maxseg size }\n");
    return new Witness(host);
  }

  /** Returns every source and protocol seen since the last {@link #forget}, sorted. */
  List<String> sources() {
    List<String> sources = new ArrayList<>();
    for (String set : SOURCES) {
      for (JsonNode element : elements(set)) {
        JsonNode parts = element.get("concat");
        sources.add(parts.get(0).asText() + " " + parts.get(1).asText());
      }
    }
    sources.sort(null);
    return sources;
  }

  /** Returns the MSS of every TCP SYN (or SYN-ACK) seen since the last {@link #forget}, sorted. */
  List<Integer> synMss() {
    List<Integer> sizes = new ArrayList<>();
    for (JsonNode element : elements("mss")) {
      sizes.add(element.asInt());
    }
    sizes.sort(null);
    return sizes;
  }

  private List<JsonNode> elements(String set) {
    JsonNode listing;
    try {
      listing = JSON.readTree(host.nft("-j", "list", "set", "inet", "witness", set));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<JsonNode> elements = new ArrayList<>();
    for (JsonNode object : listing.get("nftables")) {
      for (JsonNode element : object.path("set").path("elem")) {
        // An element with a timeout or a comment comes wrapped.
        elements.add(element.has("elem") ? element.get("elem").get("val") : element);
      }
    }
    return elements;
  }

  /** Forgets what was seen so far. */
  void forget() {
    for (String set : SETS) {
      host.nft("flush", "set", "inet", "witness", set);
    }
  }
}
