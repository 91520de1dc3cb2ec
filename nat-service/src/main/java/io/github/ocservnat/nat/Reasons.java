package io.github.ocservnat.nat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/** Why an I/O operation failed, in the words the log uses. */
final class Reasons {
  private Reasons() {}

  /** Returns the reason of {@code e}: {@code read-only file system}, {@code permission denied}. */
  static String of(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
