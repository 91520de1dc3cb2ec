package io.github.ocservnat.nft.model;

/** A flag of the TCP header, as {@code tcp flags} matches it. */
public enum TcpFlag implements Keyword {
  /** No more data from the sender. */
  FIN("fin"),
  /** Synchronise sequence numbers: the start of a connection. */
  SYN("syn"),
  /** Reset the connection. */
  RST("rst"),
  /** Push the data to the application. */
  PSH("psh"),
  /** The acknowledgment field is significant. */
  ACK("ack"),
  /** The urgent pointer is significant. */
  URG("urg"),
  /** ECN echo. */
  ECN("ecn"),
  /** Congestion window reduced. */
  CWR("cwr");

  private final String keyword;

  TcpFlag(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
