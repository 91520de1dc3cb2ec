package io.github.ocservnat.nft.libnftables;

import io.github.ocservnat.nft.libnftables.NativeLibraries.LibNftables;
import jnr.ffi.LibraryLoader;

/** Loads libnftables once per class loader, or remembers why it could not. */
final class LibNftablesLoader {
  /** The runtime library's soname, as every distribution ships it. */
  static final String SONAME = "libnftables.so.1";

  private static final LibNftablesLoader DEFAULT = new LibNftablesLoader(SONAME);

  private final String library;
  private final LibNftables lib;
  private final NftException failure;

  LibNftablesLoader(String library) {
    this.library = library;
    LibNftables loaded = null;
    NftException failed = null;
    try {
      loaded = LibraryLoader.create(LibNftables.class).failImmediately().load(library);
    } catch (LinkageError | RuntimeException e) {
      failed =
          new NftException(
              NftException.Kind.UNAVAILABLE,
              library
                  + " could not be loaded ("
                  + firstLine(e.getMessage())
                  + "); install libnftables (Debian and Ubuntu: apt-get install libnftables1;"
                  + " Alpine: apk add nftables; Fedora: dnf install nftables)",
              "",
              e);
    }
    this.lib = loaded;
    this.failure = failed;
  }

  /** Returns the loader of the system's libnftables.so.1. */
  static LibNftablesLoader system() {
    return DEFAULT;
  }

  /**
   * Returns the loaded library.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if it could not be loaded
   */
  LibNftables library() {
    if (lib == null) {
      throw failure;
    }
    return lib;
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
