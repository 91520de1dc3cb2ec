package io.github.ocservnat.nft.backend;

import com.kenai.jffi.Library;
import io.github.ocservnat.nft.backend.NativeLibraries.LibC;
import io.github.ocservnat.nft.backend.NativeLibraries.LibNftables;
import io.github.ocservnat.nft.backend.NativeLibraries.LibNftablesInput;
import io.github.ocservnat.nft.backend.NativeLibraries.LibNftablesOptimize;
import io.github.ocservnat.nft.model.NftException;
import java.lang.reflect.Method;
import jnr.ffi.LibraryLoader;

/**
 * Loads libnftables once per class loader, or remembers why it could not; a load that failed only
 * because the process had no file descriptor left is tried again next time. The functions every
 * libnftables.so.1 has must all be there; the groups that only newer versions export are probed one
 * by one and are null where missing.
 */
final class LibNftablesLoader {
  /** The runtime library's soname, as every distribution ships it. */
  static final String SONAME = "libnftables.so.1";

  private static LibNftablesLoader system;

  private final String library;
  private final LibNftables lib;
  private final LibNftablesOptimize optimize;
  private final LibNftablesInput input;
  private final LibC libc;
  private final NftException failure;
  private final boolean transientFailure;

  LibNftablesLoader(String library) {
    this.library = library;
    LibNftables loaded = null;
    NftException failed = null;
    // jnr-ffi initialises its search paths once per JVM, on the first load, and a failure then
    // stays for the JVM's life; with no descriptor free it would fail, so it is not tried.
    boolean exhausted = FileDescriptors.exhausted();
    try {
      if (exhausted) {
        throw new IllegalStateException("no file descriptor is free");
      }
      loaded = LibraryLoader.create(LibNftables.class).failImmediately().load(library);
      String missing = missingSymbol(library, LibNftables.class);
      if (missing != null) {
        loaded = null;
        failed =
            unavailable(
                library + " has no function " + missing + "; it is not libnftables 0.9.3 or later",
                null);
      }
    } catch (LinkageError | RuntimeException e) {
      String message = firstLine(e.getMessage());
      exhausted = exhausted || FileDescriptors.exhausted();
      if (exhausted) {
        failed =
            new NftException(
                NftException.Kind.UNAVAILABLE,
                library
                    + " could not be loaded: the process has no file descriptor left; close some,"
                    + " or raise its limit (ulimit -n)",
                "",
                e);
      } else if (message.contains("FFI provider")) {
        failed = new NftException(NftException.Kind.UNAVAILABLE, stubFailure(library), "", e);
      } else {
        failed = unavailable(library + " could not be loaded (" + message + ")", e);
      }
    }
    this.lib = loaded;
    this.failure = failed;
    this.transientFailure = exhausted;
    this.optimize = loaded == null ? null : optional(library, LibNftablesOptimize.class);
    this.input = loaded == null ? null : optional(library, LibNftablesInput.class);
    this.libc =
        loaded == null ? null : LibraryLoader.create(LibC.class).failImmediately().load("c");
  }

  private static <T> T optional(String library, Class<T> group) {
    if (missingSymbol(library, group) != null) {
      return null;
    }
    return LibraryLoader.create(group).failImmediately().load(library);
  }

  private static NftException unavailable(String what, Throwable cause) {
    return new NftException(
        NftException.Kind.UNAVAILABLE,
        what
            + "; install libnftables (Debian and Ubuntu: apt-get install libnftables1;"
            + " Alpine: apk add nftables; Fedora: dnf install nftables)",
        "",
        cause);
  }

  /**
   * jnr-ffi binds a missing function to a stub that throws on its first call; looking every
   * function up now turns that late failure into a load failure.
   */
  private static String missingSymbol(String library, Class<?> group) {
    Library handle = Library.getCachedInstance(library, Library.LAZY | Library.LOCAL);
    if (handle == null) {
      return group.getMethods()[0].getName();
    }
    for (Method method : group.getMethods()) {
      if (handle.getSymbolAddress(method.getName()) == 0) {
        return method.getName();
      }
    }
    return null;
  }

  /**
   * jnr-ffi's own native stub, which it unpacks into java.io.tmpdir, fails with a message that
   * would otherwise send people looking for libnftables.
   */
  private static String stubFailure(String library) {
    return library
        + " could not be loaded: jnr-ffi could not load its native stub, which it unpacks into"
        + " java.io.tmpdir ("
        + System.getProperty("java.io.tmpdir")
        + "); that directory must be writable and not mounted noexec, or point"
        + " -Djava.io.tmpdir at one that is (JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=/dev/shm)";
  }

  /** Returns the loader of the system's libnftables.so.1. */
  static synchronized LibNftablesLoader system() {
    // A load that failed for want of a descriptor is tried again; any other outcome is final.
    if (system == null || system.transientFailure) {
      system = new LibNftablesLoader(SONAME);
    }
    return system;
  }

  /**
   * Returns the loaded library.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if it could not be loaded
   */
  LibNftables library() {
    if (lib == null) {
      throw new NftException(failure.kind(), failure.getMessage(), "", failure.getCause());
    }
    return lib;
  }

  /** Returns the optimizer functions, or null if this libnftables has none. */
  LibNftablesOptimize optimize() {
    library();
    return optimize;
  }

  /** Returns the input flag functions, or null if this libnftables has none. */
  LibNftablesInput input() {
    library();
    return input;
  }

  /** Returns the C library. */
  LibC libc() {
    library();
    return libc;
  }

  /** Returns the name the library was loaded by. */
  String name() {
    return library;
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
