package io.github.ocservnat.nft.backend;

/**
 * Parts of libnftables' API that only some versions export. They are looked up when the library is
 * loaded; {@link Nftables#features()} says which this one has.
 *
 * <p>Script variables ({@code nft_ctx_add_var}, {@code nft --define}) are left out on purpose: in
 * libnftables 1.0.6 a context with a variable frees it twice on its second run from a file, and
 * again when freed after nft_ctx_clear_vars, which aborts the process. Values belong in the script
 * that the model renders.
 */
public enum Feature {
  /** {@code nft_ctx_set_optimize}: the ruleset optimizer of {@code nft --optimize}. */
  OPTIMIZE,
  /** {@code nft_ctx_input_set_flags}: {@link InputFlag}s, nftables 1.0.9 and later. */
  INPUT_FLAGS
}
