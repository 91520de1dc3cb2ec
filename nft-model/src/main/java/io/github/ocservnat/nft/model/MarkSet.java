package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * Sets the packet's mark: {@code meta mark set 0x00000002}.
 *
 * @param mark the new mark
 */
public record MarkSet(Mark mark) implements Statement {
  /** Checks the mark. */
  public MarkSet {
    Objects.requireNonNull(mark, "mark");
  }
}
