package io.github.ocservnat.nft.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A statement the model does not know, read from a listing and kept as libnftables JSON so that it
 * survives being read and written back. It renders only as JSON: nft script text cannot be made
 * from it.
 *
 * @param json the statement's JSON object, compact, with its keys in the order given; two raw
 *     statements that differ only in white space are equal
 */
public record RawStatement(String json) implements Statement {
  /**
   * Checks that {@code json} is one JSON object and makes it compact.
   *
   * @throws InvalidValueException if it is not a JSON object
   */
  public RawStatement {
    JsonNode node;
    try {
      node = json == null ? null : JsonTrees.parse(json);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new InvalidValueException(
          "statement", String.valueOf(json), "is not a JSON object", "{\"notrack\": null}");
    }
    json = JsonTrees.write(node);
  }
}
