package io.github.ocservnat.nft.backend;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Holds the declarations of the C APIs this binding calls. jnr-ffi implements each interface in a
 * class loader of its own, so the interfaces must be public; nesting them in this package-private
 * class keeps them out of the module's API all the same.
 */
final class NativeLibraries {
  private NativeLibraries() {}

  /**
   * The part of libnftables' C API ({@code nftables/libnftables.h}) that every libnftables.so.1 has
   * (symbol version LIBNFTABLES_1, nftables 0.9.3 and later), declared with the C names. A {@code
   * struct nft_ctx *} is a {@link Pointer}; strings go in as NUL-terminated UTF-8 bytes and come
   * back as pointers into the context's buffers.
   */
  public interface LibNftables {
    /** {@code NFT_CTX_DEFAULT}: a context with its own netlink socket. */
    int NFT_CTX_DEFAULT = 0;

    Pointer nft_ctx_new(int flags);

    void nft_ctx_free(Pointer ctx);

    boolean nft_ctx_get_dry_run(Pointer ctx);

    void nft_ctx_set_dry_run(Pointer ctx, boolean dry);

    int nft_ctx_output_get_flags(Pointer ctx);

    void nft_ctx_output_set_flags(Pointer ctx, int flags);

    int nft_ctx_output_get_debug(Pointer ctx);

    void nft_ctx_output_set_debug(Pointer ctx, int mask);

    int nft_ctx_buffer_output(Pointer ctx);

    int nft_ctx_unbuffer_output(Pointer ctx);

    int nft_ctx_buffer_error(Pointer ctx);

    int nft_ctx_unbuffer_error(Pointer ctx);

    Pointer nft_ctx_get_output_buffer(Pointer ctx);

    Pointer nft_ctx_get_error_buffer(Pointer ctx);

    int nft_ctx_add_include_path(Pointer ctx, @In byte[] path);

    void nft_ctx_clear_include_paths(Pointer ctx);

    int nft_run_cmd_from_buffer(Pointer ctx, @In byte[] buf);

    int nft_run_cmd_from_filename(Pointer ctx, @In byte[] filename);
  }

  /** The ruleset optimizer ({@code nft --optimize}): symbol version LIBNFTABLES_3. */
  public interface LibNftablesOptimize {
    int nft_ctx_get_optimize(Pointer ctx);

    void nft_ctx_set_optimize(Pointer ctx, int flags);
  }

  /** Input flags: symbol version LIBNFTABLES_4, nftables 1.0.9 and later. */
  public interface LibNftablesInput {
    int nft_ctx_input_get_flags(Pointer ctx);

    int nft_ctx_input_set_flags(Pointer ctx, int flags);
  }

  /**
   * The libc functions the binding needs to keep libnftables from harming the process: a netlink
   * probe, descriptor juggling for capturing stderr, and in-memory files for scripts.
   */
  public interface LibC {
    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_NETFILTER = 12;
    int MFD_CLOEXEC = 1;
    int SEEK_SET = 0;
    int SEEK_END = 2;
    int F_DUPFD_CLOEXEC = 1030;
    int F_GETFL = 3;
    int O_ACCMODE = 3;
    int O_RDONLY = 0;

    int socket(int domain, int type, int protocol);

    int close(int fd);

    int dup(int fd);

    int dup2(int oldfd, int newfd);

    int fcntl(int fd, int cmd, int arg);

    int memfd_create(String name, int flags);

    int ftruncate(int fd, @off_t long length);

    @off_t
    long lseek(int fd, @off_t long offset, int whence);

    @ssize_t
    long pwrite(int fd, @In byte[] buf, @size_t long count, @off_t long offset);

    @ssize_t
    long pread(int fd, @Out byte[] buf, @size_t long count, @off_t long offset);

    String strerror(int errnum);

    /** With a null stream, flushes every output stream of the C library. */
    int fflush(Pointer stream);
  }
}
