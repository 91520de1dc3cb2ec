package io.github.ocservnat.nft.backend;

import io.github.ocservnat.nft.backend.NativeLibraries.LibC;
import io.github.ocservnat.nft.backend.NativeLibraries.LibNftables;
import io.github.ocservnat.nft.model.NftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import jnr.ffi.LastError;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * An in-process libnftables context: runs nft scripts as {@code nft -f} would, and returns what nft
 * printed.
 *
 * <p>A script runs as one transaction: if any command in it fails, none takes effect. Output and
 * error messages are buffered in the context, never written to the process's streams; what
 * libnftables writes straight to the process's stderr (some versions do, for netlink failures, and
 * its scanner trace always does) is captured too, by pointing descriptor 2 at an in-memory file for
 * the length of each call, and is returned with nft's other messages. While debug flags are set,
 * descriptor 1 is captured the same way, for the traces libnftables prints on stdout. Output the
 * process's other threads write to those descriptors during a call is captured with it.
 *
 * <p>Safety: libnftables is not thread-safe and keeps some state per process, so every call into
 * it, from every context, is serialised. A context is refused rather than made when its netlink
 * socket would get a descriptor of 1024 or above, where libnftables' select() would abort the
 * process, and when the kernel gives no netlink socket, where libnftables would exit the process.
 *
 * <p>Scripts are handed to libnftables as an in-memory file, so that its error messages carry line
 * and column numbers; without memfd_create (glibc before 2.27) they go in as a buffer, and messages
 * carry no line numbers.
 *
 * <p>Needs {@code libnftables.so.1} (nftables 0.9.3 or later) and, for anything that reads or
 * changes the ruleset, CAP_NET_ADMIN in the network namespace the context is opened in. The context
 * stays in that namespace for its life, whichever thread calls it.
 */
public final class Nftables implements AutoCloseable {
  /** Every call into libnftables, from every context, holds this lock. */
  private static final Object LIBNFTABLES = new Object();

  private final LibNftablesLoader loader;
  private final LibNftables lib;
  private final LibC libc;
  private final int scriptFd;
  private final byte[] scriptPath;
  private final int captureFd;
  private Pointer ctx;
  private int debugMask;

  private Nftables(LibNftablesLoader loader, Pointer ctx, int scriptFd, int captureFd) {
    this.loader = loader;
    this.lib = loader.library();
    this.libc = loader.libc();
    this.ctx = ctx;
    this.scriptFd = scriptFd;
    this.scriptPath = scriptFd < 0 ? null : cString("/proc/self/fd/" + scriptFd);
    this.captureFd = captureFd;
  }

  /**
   * Opens a context on the system's libnftables.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if libnftables cannot be
   *     loaded, or cannot be used safely in this process now (no netlink socket, or too many open
   *     file descriptors); the message says why and what to do
   */
  public static Nftables open() {
    return open(LibNftablesLoader.system());
  }

  static Nftables open(LibNftablesLoader loader) {
    Opening opening = tryOpen(loader);
    if (opening.context() == null) {
      throw new NftException(NftException.Kind.UNAVAILABLE, opening.refusal(), "", null);
    }
    return opening.context();
  }

  /** A context, or why none could be made safely now. */
  record Opening(Nftables context, String refusal, boolean descriptors) {}

  /**
   * Opens a context, or says why it would not be safe to; a refusal for lack of low descriptors may
   * pass once the process has closed some.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if libnftables cannot be
   *     loaded
   */
  static Opening tryOpen(LibNftablesLoader loader) {
    LibNftables lib = loader.library();
    LibC libc = loader.libc();

    synchronized (LIBNFTABLES) {
      int scriptFd = aboveStdio(libc, libc.memfd_create("nft-script", LibC.MFD_CLOEXEC));
      int captureFd =
          scriptFd < 0 ? -1 : aboveStdio(libc, libc.memfd_create("nft-stderr", LibC.MFD_CLOEXEC));
      if (scriptFd >= 0 && !Files.isReadable(Path.of("/proc/self/fd/" + scriptFd))) {
        closeAll(libc, scriptFd, captureFd);
        scriptFd = -1;
        captureFd = -1;
      }

      int probe =
          libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_NETFILTER);
      if (probe < 0) {
        int errno = LastError.getLastError(Runtime.getRuntime(libc));
        closeAll(libc, scriptFd, captureFd);
        return new Opening(null, netlinkRefusal(libc, errno), errno == EMFILE || errno == ENFILE);
      }
      boolean spare = spare(libc, probe, SPARE_AT_OPEN);
      libc.close(probe);
      if (!spare) {
        closeAll(libc, scriptFd, captureFd);
        return new Opening(null, shortage(SPARE_AT_OPEN), true);
      }

      String crowded = crowded();
      if (crowded != null) {
        closeAll(libc, scriptFd, captureFd);
        return new Opening(null, crowded, true);
      }
      Set<String> before = highSockets();
      Pointer ctx =
          withStderrTo(libc, captureFd, false, () -> lib.nft_ctx_new(LibNftables.NFT_CTX_DEFAULT));
      if (ctx == null) {
        closeAll(libc, scriptFd, captureFd);
        throw new NftException(
            NftException.Kind.OTHER, "nft_ctx_new failed: out of memory", "", null);
      }
      Set<String> after = highSockets();
      if (before == null || after == null || !before.containsAll(after)) {
        // A socket that is new at 1024 or above is the context's (or, at worst, another
        // thread's): either way the context cannot be trusted with select().
        lib.nft_ctx_free(ctx);
        closeAll(libc, scriptFd, captureFd);
        return new Opening(null, descriptorRefusal("1024 or above"), true);
      }

      if (lib.nft_ctx_buffer_output(ctx) != 0 || lib.nft_ctx_buffer_error(ctx) != 0) {
        lib.nft_ctx_free(ctx);
        closeAll(libc, scriptFd, captureFd);
        throw new NftException(
            NftException.Kind.OTHER, "libnftables could not buffer its output", "", null);
      }
      return new Opening(new Nftables(loader, ctx, scriptFd, captureFd), null, false);
    }
  }

  private static final int EMFILE = 24;
  private static final int ENFILE = 23;

  /**
   * How many descriptors must be free to make a context: its socket, the capture's copy of
   * descriptor 2, and two for listing /proc/self/fd, with room to spare.
   */
  private static final int SPARE_AT_OPEN = 8;

  /**
   * How many descriptors must be free for a call: the capture's copies, the script file libnftables
   * opens, and the netlink route socket it opens for its interface cache; where it cannot open that
   * socket, it exits the process.
   */
  private static final int SPARE_PER_CALL = 6;

  /**
   * libnftables exits the process when it cannot open its netlink socket; the socket opened first
   * by the caller turns that into a refusal.
   */
  private static String netlinkRefusal(LibC libc, int errno) {
    return "libnftables cannot open a netfilter netlink socket ("
        + libc.strerror(errno)
        + ")"
        + switch (errno) {
          case EMFILE, ENFILE ->
              "; the process has no file descriptor left; raise its limit (ulimit -n)";
          case 93, 97 ->
              "; the kernel has no nfnetlink: load nf_tables on the host (modprobe nf_tables)";
          case 1, 13 -> "; a seccomp or security policy forbids netlink sockets here";
          default -> "";
        };
  }

  /** Returns whether {@code needed} descriptors are free, by taking copies of {@code fd}. */
  private static boolean spare(LibC libc, int fd, int needed) {
    int[] taken = new int[needed];
    int count = 0;
    while (count < needed && (taken[count] = libc.dup(fd)) >= 0) {
      count++;
    }
    for (int i = 0; i < count; i++) {
      libc.close(taken[i]);
    }
    return count == needed;
  }

  private static String shortage(int needed) {
    return "libnftables is not safe in this process now: fewer than "
        + needed
        + " file descriptors are free, and libnftables exits the process when it cannot open a"
        + " socket; close some, or raise the limit (ulimit -n)";
  }

  private static String descriptorRefusal(String descriptor) {
    return "libnftables is not safe in this process now: its netlink socket would get file"
        + " descriptor "
        + descriptor
        + ", and libnftables waits on it with select(), which aborts the process for descriptors"
        + " 1024 and above; close descriptors first, or use the nft executable";
  }

  /** Returns why no descriptor below 1024 is free, or null if one is or /proc cannot tell. */
  private static String crowded() {
    try {
      int lowest = FileDescriptors.lowestFree(FileDescriptors.open());
      return lowest < FileDescriptors.FD_SETSIZE
          ? null
          : descriptorRefusal(Integer.toString(lowest));
    } catch (IOException | RuntimeException e) {
      return FileDescriptors.exhausted() ? shortage(SPARE_AT_OPEN) : null;
    }
  }

  /**
   * Returns the sockets open at descriptors of 1024 and above, by inode; empty without /proc, and
   * null if they cannot be listed for want of a descriptor.
   */
  private static Set<String> highSockets() {
    try {
      return FileDescriptors.socketsFrom(FileDescriptors.FD_SETSIZE);
    } catch (IOException | RuntimeException e) {
      return FileDescriptors.exhausted() ? null : Set.of();
    }
  }

  /** Moves {@code fd} above 0, 1 and 2, which a process may have closed, so that none is taken. */
  private static int aboveStdio(LibC libc, int fd) {
    if (fd < 0 || fd > 2) {
      return fd;
    }
    int moved = libc.fcntl(fd, LibC.F_DUPFD_CLOEXEC, 3);
    libc.close(fd);
    return moved;
  }

  /**
   * Runs {@code script}, one or more nft commands separated by newlines or semicolons, as one
   * transaction.
   *
   * @return what nft printed
   * @throws NftException if nft refused the script; nothing in it took effect. Its message names
   *     the line and column nft pointed at; {@link NftException#nftError()} keeps nft's own text
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if fewer than six file
   *     descriptors are free (two more for each {@code include}), where libnftables could exit the
   *     process. Included files are not checked: a {@code monitor} in one never returns, and nested
   *     includes take descriptors that are not counted
   * @throws IllegalArgumentException if the script holds a NUL character, or a {@code monitor}
   *     command, which never returns
   * @throws IllegalStateException if the context is closed
   */
  public NftOutput run(String script) {
    byte[] utf8 = Scripts.checkRaw(script).getBytes(StandardCharsets.UTF_8);
    // Each included file stays open while the call runs.
    int needed = SPARE_PER_CALL + 2 * Scripts.includes(script);

    synchronized (LIBNFTABLES) {
      Pointer context = checkOpen();
      int anyFd = captureFd >= 0 ? captureFd : scriptFd;
      if (anyFd >= 0 && !spare(libc, anyFd, needed)) {
        throw new NftException(NftException.Kind.UNAVAILABLE, shortage(needed), "", null);
      }
      boolean fromFile = scriptPath != null && write(utf8);
      int status =
          withStderrTo(
              libc,
              captureFd,
              debugMask != 0,
              () ->
                  fromFile
                      ? lib.nft_run_cmd_from_filename(context, scriptPath)
                      : lib.nft_run_cmd_from_buffer(context, Arrays.copyOf(utf8, utf8.length + 1)));
      String stray = readCapture();
      String output = read(lib.nft_ctx_get_output_buffer(context));
      String errors = read(lib.nft_ctx_get_error_buffer(context));
      if (fromFile) {
        libc.ftruncate(scriptFd, 0);
      }

      if (status != 0 && errors.isBlank() && stray.isBlank()) {
        throw new NftException(
            NftException.Kind.OTHER,
            "nft refused the script without a message; it begins '"
                + script.strip().lines().findFirst().orElse("")
                + "'",
            "",
            null);
      } else if (status != 0) {
        throw NftException.fromNftError(errors, stray);
      }
      return new NftOutput(output, stray + errors);
    }
  }

  /**
   * Runs {@code script} with dry run and JSON output set as given, and the context's own settings
   * back afterwards; no other caller sees the context in between.
   */
  NftOutput run(String script, boolean dryRun, boolean json) {
    synchronized (LIBNFTABLES) {
      Pointer context = checkOpen();
      boolean wasDryRun = lib.nft_ctx_get_dry_run(context);
      int flags = lib.nft_ctx_output_get_flags(context);
      int jsonBit = OutputFlag.JSON.bit();
      lib.nft_ctx_set_dry_run(context, dryRun);
      lib.nft_ctx_output_set_flags(context, json ? flags | jsonBit : flags & ~jsonBit);
      try {
        return run(script);
      } finally {
        lib.nft_ctx_set_dry_run(context, wasDryRun);
        lib.nft_ctx_output_set_flags(context, flags);
      }
    }
  }

  private boolean write(byte[] script) {
    return libc.ftruncate(scriptFd, 0) == 0
        && libc.pwrite(scriptFd, script, script.length, 0) == script.length;
  }

  /**
   * Runs {@code call} with descriptor 2, and descriptor 1 too if {@code stdoutToo}, pointed at
   * {@code captureFd}, if there is one. Some debugging traces go to the C library's buffered
   * stdout, so that is flushed before descriptor 1 is given back.
   */
  private static <T> T withStderrTo(
      LibC libc, int captureFd, boolean stdoutToo, NativeCall<T> call) {
    int savedErr = redirect(libc, captureFd, 2);
    int savedOut = stdoutToo ? redirect(libc, captureFd, 1) : -1;
    try {
      return call.run();
    } finally {
      if (savedOut >= 0) {
        libc.fflush(null);
        restore(libc, savedOut, 1);
      }
      restore(libc, savedErr, 2);
    }
  }

  private static int redirect(LibC libc, int captureFd, int fd) {
    // A process started with its standard streams closed may have anything there, such as a jar
    // the JVM reads classes from; a descriptor not open for writing is nobody's output.
    int flags = captureFd < 0 ? -1 : libc.fcntl(fd, LibC.F_GETFL, 0);
    if (flags < 0 || (flags & LibC.O_ACCMODE) == LibC.O_RDONLY) {
      return -1;
    }
    int saved = libc.dup(fd);
    if (saved >= 0 && libc.dup2(captureFd, fd) < 0) {
      libc.close(saved);
      return -1;
    }
    return saved;
  }

  private static void restore(LibC libc, int saved, int fd) {
    if (saved >= 0) {
      libc.dup2(saved, fd);
      libc.close(saved);
    }
  }

  private interface NativeCall<T> {
    T run();
  }

  private String readCapture() {
    if (captureFd < 0) {
      return "";
    }
    long size = libc.lseek(captureFd, 0, LibC.SEEK_END);
    if (size <= 0) {
      return "";
    }
    byte[] bytes = new byte[Math.toIntExact(Math.min(size, 1 << 20))];
    long read = libc.pread(captureFd, bytes, bytes.length, 0);
    libc.ftruncate(captureFd, 0);
    libc.lseek(captureFd, 0, LibC.SEEK_SET);
    return read <= 0 ? "" : new String(bytes, 0, (int) read, StandardCharsets.UTF_8);
  }

  /**
   * Sets whether {@link #run} only checks scripts against the kernel, as {@code nft -c} does: the
   * kernel sees the transaction and refuses what it would refuse, but nothing is committed. Off by
   * default.
   */
  public void setDryRun(boolean dryRun) {
    synchronized (LIBNFTABLES) {
      lib.nft_ctx_set_dry_run(checkOpen(), dryRun);
    }
  }

  /** Returns whether {@link #run} only checks scripts. */
  public boolean dryRun() {
    synchronized (LIBNFTABLES) {
      return lib.nft_ctx_get_dry_run(checkOpen());
    }
  }

  /** Returns how listings are printed; none by default. */
  public Set<OutputFlag> outputFlags() {
    synchronized (LIBNFTABLES) {
      return FlagBits.flags(lib.nft_ctx_output_get_flags(checkOpen()), OutputFlag.class);
    }
  }

  /** Sets how listings are printed, replacing the flags set before. */
  public void setOutputFlags(Collection<OutputFlag> flags) {
    int bits = FlagBits.word(flags);
    synchronized (LIBNFTABLES) {
      lib.nft_ctx_output_set_flags(checkOpen(), bits);
    }
  }

  /** Returns what libnftables traces; nothing by default. */
  public Set<DebugFlag> debugFlags() {
    synchronized (LIBNFTABLES) {
      return FlagBits.flags(lib.nft_ctx_output_get_debug(checkOpen()), DebugFlag.class);
    }
  }

  /**
   * Sets what libnftables traces, replacing the flags set before. Traces come back in {@link
   * NftOutput#output()} or {@link NftOutput#messages()}: while any flag is set, what libnftables
   * prints on the process's stdout during a call is captured into the messages too.
   */
  public void setDebugFlags(Collection<DebugFlag> flags) {
    int bits = FlagBits.word(flags);
    synchronized (LIBNFTABLES) {
      lib.nft_ctx_output_set_debug(checkOpen(), bits);
      debugMask = bits;
    }
  }

  /**
   * Adds a directory that {@code include} statements in scripts are looked up in, as {@code nft -I}
   * does.
   *
   * @throws NftException if libnftables refused it
   */
  public void addIncludePath(Path directory) {
    synchronized (LIBNFTABLES) {
      if (lib.nft_ctx_add_include_path(checkOpen(), cString(directory.toString())) != 0) {
        throw new NftException(
            NftException.Kind.OTHER,
            "libnftables refused include path '" + directory + "'",
            "",
            null);
      }
    }
  }

  /** Removes every include path, the default one too. */
  public void clearIncludePaths() {
    synchronized (LIBNFTABLES) {
      lib.nft_ctx_clear_include_paths(checkOpen());
    }
  }

  /**
   * Sets whether libnftables merges rules of the scripts it runs where it can, as {@code nft
   * --optimize} does. Off by default.
   *
   * @throws NftException of kind {@link NftException.Kind#NOT_SUPPORTED} if this libnftables has no
   *     {@link Feature#OPTIMIZE}
   */
  public void setOptimize(boolean optimize) {
    NativeLibraries.LibNftablesOptimize functions = require(loader.optimize(), Feature.OPTIMIZE);
    synchronized (LIBNFTABLES) {
      functions.nft_ctx_set_optimize(checkOpen(), optimize ? 1 : 0);
    }
  }

  /**
   * Returns whether the optimizer is on.
   *
   * @throws NftException of kind {@link NftException.Kind#NOT_SUPPORTED} if this libnftables has no
   *     {@link Feature#OPTIMIZE}
   */
  public boolean optimize() {
    NativeLibraries.LibNftablesOptimize functions = require(loader.optimize(), Feature.OPTIMIZE);
    synchronized (LIBNFTABLES) {
      return (functions.nft_ctx_get_optimize(checkOpen()) & 1) != 0;
    }
  }

  /**
   * Sets how scripts are read, replacing the flags set before.
   *
   * @throws NftException of kind {@link NftException.Kind#NOT_SUPPORTED} if this libnftables has no
   *     {@link Feature#INPUT_FLAGS} (before nftables 1.0.9)
   */
  public void setInputFlags(Collection<InputFlag> flags) {
    NativeLibraries.LibNftablesInput input = require(loader.input(), Feature.INPUT_FLAGS);
    int bits = FlagBits.word(flags);
    synchronized (LIBNFTABLES) {
      input.nft_ctx_input_set_flags(checkOpen(), bits);
    }
  }

  /**
   * Returns how scripts are read.
   *
   * @throws NftException of kind {@link NftException.Kind#NOT_SUPPORTED} if this libnftables has no
   *     {@link Feature#INPUT_FLAGS} (before nftables 1.0.9)
   */
  public Set<InputFlag> inputFlags() {
    NativeLibraries.LibNftablesInput input = require(loader.input(), Feature.INPUT_FLAGS);
    synchronized (LIBNFTABLES) {
      return FlagBits.flags(input.nft_ctx_input_get_flags(checkOpen()), InputFlag.class);
    }
  }

  /** Returns the optional parts of the API this libnftables has. */
  public Set<Feature> features() {
    EnumSet<Feature> features = EnumSet.noneOf(Feature.class);
    if (loader.optimize() != null) {
      features.add(Feature.OPTIMIZE);
    }
    if (loader.input() != null) {
      features.add(Feature.INPUT_FLAGS);
    }
    return features;
  }

  private static <T> T require(T functions, Feature feature) {
    if (functions == null) {
      throw new NftException(
          NftException.Kind.NOT_SUPPORTED,
          "this libnftables has no "
              + switch (feature) {
                case OPTIMIZE -> "optimize (nft_ctx_set_optimize)";
                case INPUT_FLAGS ->
                    "input flags (nft_ctx_input_set_flags, nftables 1.0.9 and later)";
              },
          "",
          null);
    }
    return functions;
  }

  /** Frees the native context. Closing twice is harmless. */
  @Override
  public void close() {
    synchronized (LIBNFTABLES) {
      if (ctx != null) {
        lib.nft_ctx_free(ctx);
        ctx = null;
        closeAll(libc, scriptFd, captureFd);
      }
    }
  }

  private Pointer checkOpen() {
    if (ctx == null) {
      throw new IllegalStateException("nftables context is closed");
    }
    return ctx;
  }

  private static void closeAll(LibC libc, int... fds) {
    for (int fd : fds) {
      if (fd >= 0) {
        libc.close(fd);
      }
    }
  }

  private static byte[] cString(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(utf8, utf8.length + 1);
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
