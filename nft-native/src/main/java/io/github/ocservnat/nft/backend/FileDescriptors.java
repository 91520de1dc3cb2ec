package io.github.ocservnat.nft.backend;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * This process's open file descriptors, as /proc/self/fd lists them.
 *
 * <p>libnftables waits for netlink replies with select(), and glibc aborts the process when
 * select() is given a descriptor of {@link #FD_SETSIZE} or above. A context's netlink socket is
 * opened once, by nft_ctx_new, and takes the lowest free descriptor; so whether a context is safe
 * is decided when it is made.
 */
final class FileDescriptors {
  /** The first descriptor select() cannot watch. */
  static final int FD_SETSIZE = 1024;

  private static final Path SELF = Path.of("/proc/self/fd");

  private FileDescriptors() {}

  /**
   * Returns the descriptors open now; the listing's own descriptor is among them.
   *
   * @throws IOException if /proc is not mounted or no descriptor is free to read it with
   */
  static BitSet open() throws IOException {
    BitSet open = new BitSet();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(SELF)) {
      for (Path entry : entries) {
        open.set(Integer.parseInt(entry.getFileName().toString()));
      }
    }
    return open;
  }

  /**
   * Returns whether the process has no descriptor left: listing them, which takes one, fails with
   * EMFILE.
   */
  static boolean exhausted() {
    try {
      open();
      return false;
    } catch (IOException e) {
      return String.valueOf(e.getMessage()).contains("Too many open files");
    }
  }

  /** Returns the lowest descriptor not in {@code open}: the one the next socket would get. */
  static int lowestFree(BitSet open) {
    return open.nextClearBit(0);
  }

  /**
   * Returns the sockets open at descriptor {@code from} and above, as their links read ({@code
   * socket:[inode]}); a socket is known by its inode, whatever number it has.
   *
   * @throws IOException if /proc is not mounted or no descriptor is free to read it with
   */
  static Set<String> socketsFrom(int from) throws IOException {
    BitSet open = open();
    Set<String> sockets = new HashSet<>();
    for (int fd = open.nextSetBit(from); fd >= 0; fd = open.nextSetBit(fd + 1)) {
      try {
        String target = Files.readSymbolicLink(SELF.resolve(Integer.toString(fd))).toString();
        if (target.startsWith("socket:")) {
          sockets.add(target);
        }
      } catch (NoSuchFileException e) {
        // Closed since the listing.
      }
    }
    return sockets;
  }
}
