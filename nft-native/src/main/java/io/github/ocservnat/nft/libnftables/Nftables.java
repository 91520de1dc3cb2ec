package io.github.ocservnat.nft.libnftables;

import io.github.ocservnat.nft.libnftables.NativeLibraries.LibNftables;
import io.github.ocservnat.nft.model.NftException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jnr.ffi.Pointer;

/**
 * An in-process libnftables context: runs nft scripts as {@code nft -f} would, and returns what nft
 * printed.
 *
 * <p>A script runs as one transaction: if any command in it fails, none takes effect. Output and
 * error messages are buffered in the context, never written to the process's streams. libnftables
 * is not thread-safe, so the methods of one context are serialised; separate contexts may be used
 * from separate threads.
 *
 * <p>Needs {@code libnftables.so.1} (nftables 0.9.3 or later) and, for anything that reads or
 * changes the ruleset, CAP_NET_ADMIN in the current network namespace.
 */
public final class Nftables implements AutoCloseable {
  private final LibNftables lib;
  private Pointer ctx;

  private Nftables(LibNftables lib, Pointer ctx) {
    this.lib = lib;
    this.ctx = ctx;
  }

  /**
   * Opens a context on the system's libnftables.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if libnftables cannot be
   *     loaded; the message says what to install
   */
  public static Nftables open() {
    return open(LibNftablesLoader.system());
  }

  static Nftables open(LibNftablesLoader loader) {
    LibNftables lib = loader.library();
    Pointer ctx = lib.nft_ctx_new(LibNftables.NFT_CTX_DEFAULT);
    if (ctx == null) {
      throw new NftException(
          NftException.Kind.OTHER, "nft_ctx_new failed: out of memory", "", null);
    }

    if (lib.nft_ctx_buffer_output(ctx) != 0 || lib.nft_ctx_buffer_error(ctx) != 0) {
      lib.nft_ctx_free(ctx);
      throw new NftException(
          NftException.Kind.OTHER, "libnftables could not buffer its output", "", null);
    }
    return new Nftables(lib, ctx);
  }

  /**
   * Runs {@code script}, one or more nft commands separated by newlines or semicolons, as one
   * transaction.
   *
   * @return what nft printed, such as a listing; empty for most changes
   * @throws NftException if nft refused the script; nothing in it took effect
   * @throws IllegalStateException if the context is closed
   */
  public synchronized String run(String script) {
    Pointer context = checkOpen();
    byte[] utf8 = script.getBytes(StandardCharsets.UTF_8);

    int status = lib.nft_run_cmd_from_buffer(context, Arrays.copyOf(utf8, utf8.length + 1));
    String output = read(lib.nft_ctx_get_output_buffer(context));
    String error = read(lib.nft_ctx_get_error_buffer(context));

    if (status != 0) {
      throw NftException.fromNftError(error);
    }
    return output;
  }

  /**
   * Sets whether {@link #run} only checks scripts against the kernel, as {@code nft -c} does,
   * without changing anything. Off by default.
   */
  public synchronized void setDryRun(boolean dryRun) {
    lib.nft_ctx_set_dry_run(checkOpen(), dryRun);
  }

  /**
   * Sets whether listings are printed as libnftables JSON, as {@code nft -j} does. Off by default.
   */
  public synchronized void setJsonOutput(boolean json) {
    Pointer context = checkOpen();
    int flags = lib.nft_ctx_output_get_flags(context);
    lib.nft_ctx_output_set_flags(
        context,
        json ? flags | LibNftables.NFT_CTX_OUTPUT_JSON : flags & ~LibNftables.NFT_CTX_OUTPUT_JSON);
  }

  /** Frees the native context. Closing twice is harmless. */
  @Override
  public synchronized void close() {
    if (ctx != null) {
      lib.nft_ctx_free(ctx);
      ctx = null;
    }
  }

  private Pointer checkOpen() {
    if (ctx == null) {
      throw new IllegalStateException("nftables context is closed");
    }
    return ctx;
  }

  private static String read(Pointer buffer) {
    if (buffer == null) {
      return "";
    }
    int length = Math.toIntExact(buffer.indexOf(0, (byte) 0));
    byte[] bytes = new byte[length];
    buffer.get(0, bytes, 0, length);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
