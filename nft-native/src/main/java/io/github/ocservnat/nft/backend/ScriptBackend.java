package io.github.ocservnat.nft.backend;

import io.github.ocservnat.nft.model.NftBackend;
import io.github.ocservnat.nft.model.NftException;
import io.github.ocservnat.nft.model.NftJson;
import io.github.ocservnat.nft.model.NftJsonReader;
import io.github.ocservnat.nft.model.NftText;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.TableRef;
import io.github.ocservnat.nft.model.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * A backend that talks to nftables in nft's own script language: libnftables in this process or the
 * nft executable. Transactions are applied as the script {@link NftText} renders, and read back
 * from nft's JSON listing.
 */
public interface ScriptBackend extends NftBackend {
  /**
   * Runs {@code script} as one transaction, as {@code nft -f} does.
   *
   * @throws IllegalArgumentException if the script holds a NUL character or a {@code monitor}
   *     command
   * @throws NftException if nft refused it; nothing in it took effect
   */
  NftOutput run(String script);

  /**
   * Checks {@code script} against the kernel without committing it, as {@code nft -c -f} does.
   *
   * @throws NftException if the kernel would refuse it
   */
  NftOutput check(String script);

  /**
   * Runs the listing command {@code command}, such as {@code list ruleset}, and returns nft's JSON.
   *
   * @throws IllegalArgumentException if {@code command} is not one {@code list} command of the
   *     ruleset or its objects ({@code list hooks} is left out: libnftables 1.0.6 aborts on it in
   *     JSON)
   * @throws NftException if nft refused it
   */
  String listJson(String command);

  /** Returns what this backend is, for logs: which library or executable it runs. */
  String describe();

  @Override
  default void apply(Transaction transaction) {
    run(script(transaction));
  }

  @Override
  default void check(Transaction transaction) {
    check(script(transaction));
  }

  private static String script(Transaction transaction) {
    return NftText.canRender(transaction)
        ? NftText.transaction(transaction)
        : NftJson.transaction(transaction);
  }

  @Override
  default List<Table> listRuleset() {
    return NftJsonReader.ruleset(listJson("list ruleset"));
  }

  @Override
  default Optional<Table> listTable(TableRef table) {
    String json;
    try {
      json = listJson("list table " + table);
    } catch (NftException e) {
      if (e.kind() == NftException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    return NftJsonReader.table(json, table.family(), table.name());
  }
}
