package io.github.ocservnat.it.traffic;

import java.util.List;

/**
 * What one round of probes from the client to a server address came to: whether a ping was
 * answered, what the TCP server answered, and what the internet host saw arrive. The three are
 * compared together, so that a failure shows them side by side: {@code seen} tells a masquerade
 * that did not happen (the client's own address arrived) from replies that did not come back (the
 * uplink's address arrived, and nothing was answered).
 *
 * @param ping {@code answered} or {@code unanswered}
 * @param tcp the server's answer, {@code from} and the source it saw, or {@code no answer}
 * @param seen each source and protocol that reached the server address, sorted, as {@link
 *     Witness#sources()} gives them
 */
record Exchange(String ping, String tcp, List<String> seen) {
  static final String ANSWERED = "answered";
  static final String UNANSWERED = "unanswered";
  static final String NO_ANSWER = "no answer";

  Exchange {
    seen = List.copyOf(seen);
  }

  /** Both probes arrived from {@code source} and were answered. */
  static Exchange answeredFrom(String source) {
    return new Exchange(ANSWERED, "from " + source, arrivedFrom(source));
  }

  /** Both probes arrived from {@code source}, and neither answer came back. */
  static Exchange unansweredFrom(String source) {
    return new Exchange(UNANSWERED, NO_ANSWER, arrivedFrom(source));
  }

  /** Nothing reached the server address. */
  static Exchange nothingArrived() {
    return new Exchange(UNANSWERED, NO_ANSWER, List.of());
  }

  private static List<String> arrivedFrom(String source) {
    String icmp = source.contains(":") ? "ipv6-icmp" : "icmp";
    return List.of(source + " " + icmp, source + " tcp");
  }
}
