package io.github.ocservnat.nft.libnftables;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;

/**
 * Holds the declaration of libnftables' C API. jnr-ffi implements the interface in a class loader
 * of its own, so the interface must be public; nesting it in this package-private class keeps it
 * out of the module's API all the same.
 */
final class NativeLibraries {
  private NativeLibraries() {}

  /**
   * The part of libnftables' C API ({@code nftables/libnftables.h}) this binding uses, declared
   * with the C names. A {@code struct nft_ctx *} is a {@link Pointer}; strings go in as
   * NUL-terminated UTF-8 bytes and come back as pointers into the context's buffers.
   */
  public interface LibNftables {
    /** {@code NFT_CTX_DEFAULT}: no flags for {@link #nft_ctx_new}. */
    int NFT_CTX_DEFAULT = 0;

    /** {@code NFT_CTX_OUTPUT_JSON}: listings in libnftables JSON. */
    int NFT_CTX_OUTPUT_JSON = 1 << 4;

    Pointer nft_ctx_new(int flags);

    void nft_ctx_free(Pointer ctx);

    void nft_ctx_set_dry_run(Pointer ctx, boolean dry);

    int nft_ctx_output_get_flags(Pointer ctx);

    void nft_ctx_output_set_flags(Pointer ctx, int flags);

    int nft_ctx_buffer_output(Pointer ctx);

    int nft_ctx_buffer_error(Pointer ctx);

    Pointer nft_ctx_get_output_buffer(Pointer ctx);

    Pointer nft_ctx_get_error_buffer(Pointer ctx);

    int nft_run_cmd_from_buffer(Pointer ctx, @In byte[] buf);
  }
}
