package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * A statement the model does not know, read from a listing and kept as libnftables JSON so that it
 * survives being read and written back. It renders only as JSON: nft script text cannot be made
 * from it.
 *
 * @param json the statement's JSON object, compact, with its keys as nft wrote them
 */
public record RawStatement(String json) implements Statement {
  /** Checks the JSON is there. */
  public RawStatement {
    Objects.requireNonNull(json, "json");
  }
}
