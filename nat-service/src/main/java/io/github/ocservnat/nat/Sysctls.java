package io.github.ocservnat.nat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Kernel parameters as files under {@code /proc/sys}: {@code net.ipv4.ip_forward} is {@code
 * /proc/sys/net/ipv4/ip_forward}. The values seen are those of the calling process's network
 * namespace.
 */
class Sysctls {
  private final Path root;

  Sysctls(Path root) {
    this.root = root;
  }

  /**
   * Returns the file behind {@code key}. In {@code net.ipv6.conf.IF.accept_ra} and the like, the
   * interface's name may hold dots itself ({@code eth0.100}, a VLAN), which stay dots.
   */
  Path path(String key) {
    for (String perInterface : new String[] {"net.ipv4.conf.", "net.ipv6.conf."}) {
      int last = key.lastIndexOf('.');
      if (key.startsWith(perInterface) && last > perInterface.length()) {
        return root.resolve(perInterface.replace('.', '/'))
            .resolve(key.substring(perInterface.length(), last))
            .resolve(key.substring(last + 1));
      }
    }
    return root.resolve(key.replace('.', '/'));
  }

  /** Returns whether the kernel has the parameter, e.g. IPv6 ones when IPv6 is disabled. */
  boolean exists(String key) {
    return Files.exists(path(key));
  }

  /** Returns the value without its trailing newline. */
  String read(String key) throws IOException {
    return Files.readString(path(key), StandardCharsets.US_ASCII).strip();
  }

  /**
   * Opens the parameter for writing without writing, which fails as a write would on a read-only
   * /proc/sys.
   */
  void checkWritable(String key) throws IOException {
    try (FileChannel channel = FileChannel.open(path(key), StandardOpenOption.WRITE)) {
      channel.size();
    }
  }

  /** Writes {@code value}, as {@code sysctl -w key=value} does. */
  void write(String key, String value) throws IOException {
    Files.writeString(path(key), value + "\n", StandardCharsets.US_ASCII);
  }
}
