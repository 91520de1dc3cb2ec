package io.github.ocservnat.nat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** Why an I/O operation failed, in the words the log uses. */
final class Reasons {
  private Reasons() {}

  /** Returns the reason of {@code e}: {@code read-only file system}, {@code permission denied}. */
  static String of(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return lowercase(fs.getReason());
    }
    return lowercase(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  /** The C library's words ("Operation not permitted"), in the log's lowercase. */
  private static String lowercase(String reason) {
    return reason.isEmpty()
        ? reason
        : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }
}
