package io.github.ocservnat.nft.model;

import java.util.List;
import java.util.Optional;

/**
 * Something that applies transactions to an nftables ruleset and lists it: libnftables in this
 * process, the nft executable, or an in-memory fake for tests.
 *
 * <p>Every implementation has the kernel's semantics: a transaction takes effect whole or not at
 * all, deleting what is missing fails as {@link NftException.Kind#NOT_FOUND}, and creating what
 * exists fails as {@link NftException.Kind#ALREADY_EXISTS}.
 *
 * <p>A backend may hold native resources; close it when done. Closing twice is harmless.
 */
public interface NftBackend extends AutoCloseable {
  /**
   * Applies {@code transaction} atomically.
   *
   * @throws NftException if it was refused; nothing changed
   */
  void apply(Transaction transaction);

  /**
   * Checks {@code transaction} as {@link #apply} would, without changing anything.
   *
   * @throws NftException if it would be refused
   */
  void check(Transaction transaction);

  /**
   * Returns every table, with rule handles.
   *
   * @throws NftException if the ruleset cannot be read
   */
  List<Table> listRuleset();

  /**
   * Returns the table {@code table}, with rule handles, if there is one.
   *
   * @throws NftException if the ruleset cannot be read
   */
  default Optional<Table> listTable(TableRef table) {
    return listRuleset().stream().filter(t -> t.ref().equals(table)).findFirst();
  }

  /** Releases what the backend holds, such as a libnftables context. Does nothing by default. */
  @Override
  default void close() {}
}
