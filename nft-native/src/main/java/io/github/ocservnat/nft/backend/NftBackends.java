package io.github.ocservnat.nft.backend;

import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.NftException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses a backend: libnftables in this process when it loads, else the nft executable, else one
 * error that says why neither can be used. The choice can be forced with {@value #BACKEND_VARIABLE}
 * and the executable named with {@value #EXECUTABLE_VARIABLE}.
 */
public final class NftBackends {
  /** Forces a backend: {@code auto} (the default), {@code libnftables} or {@code nft}. */
  public static final String BACKEND_VARIABLE = "NFT_BACKEND";

  /** Names the nft executable; by default it is looked for on PATH, then in /usr/sbin and /sbin. */
  public static final String EXECUTABLE_VARIABLE = "NFT_EXECUTABLE";

  /** Which backend to use. */
  public enum Choice {
    /**
     * libnftables when it loads, with the executable, if there is one, for the calls libnftables
     * cannot take safely; else the executable.
     */
    AUTO("auto"),
    /** libnftables only; an error if it cannot be loaded. */
    LIBNFTABLES("libnftables"),
    /** The nft executable only. */
    EXECUTABLE("nft");

    private final String keyword;

    Choice(String keyword) {
      this.keyword = keyword;
    }

    /** Returns the word that selects this choice, such as {@code libnftables}. */
    public String keyword() {
      return keyword;
    }

    /**
     * Returns the choice {@code text} names, ignoring case.
     *
     * @throws InvalidValueException if it names none
     */
    public static Choice parse(String field, String text) {
      for (Choice choice : values()) {
        if (choice.keyword.equals(text.strip().toLowerCase(Locale.ROOT))) {
          return choice;
        }
      }
      throw new InvalidValueException(
          field, text, "is not a backend: use auto, libnftables or nft", "libnftables");
    }
  }

  private NftBackends() {}

  /**
   * Opens the backend the process environment asks for, {@link Choice#AUTO} by default.
   *
   * @throws InvalidValueException if {@value #BACKEND_VARIABLE} names no backend
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if the backend cannot be
   *     used
   */
  public static ScriptBackend open() {
    return open(System.getenv());
  }

  /**
   * Opens the backend {@code environment} asks for, as {@link #open()} does.
   *
   * @throws InvalidValueException if {@value #BACKEND_VARIABLE} names no backend or {@value
   *     #EXECUTABLE_VARIABLE} no executable file; a variable that is set, even to nothing, must be
   *     valid
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if the backend cannot be
   *     used
   */
  public static ScriptBackend open(Map<String, String> environment) {
    return open(environment, NftExecutableBackend.DEFAULT_TIMEOUT);
  }

  /**
   * Opens the backend {@code environment} asks for, as {@link #open(Map)} does, with each run of
   * the nft executable (where it is used) cut off after {@code executableTimeout}.
   *
   * @throws InvalidValueException if {@value #BACKEND_VARIABLE} names no backend or {@value
   *     #EXECUTABLE_VARIABLE} no executable file
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if the backend cannot be
   *     used
   */
  public static ScriptBackend open(Map<String, String> environment, Duration executableTimeout) {
    String backend = environment.get(BACKEND_VARIABLE);
    String executable = environment.get(EXECUTABLE_VARIABLE);
    Choice choice = backend == null ? Choice.AUTO : Choice.parse(BACKEND_VARIABLE, backend);
    if (executable != null && !isExecutableFile(executable)) {
      throw new InvalidValueException(
          EXECUTABLE_VARIABLE, executable, "is not an executable file", "/usr/sbin/nft");
    }
    return open(
        choice,
        executable == null ? Optional.empty() : Optional.of(Path.of(executable)),
        environment.get("PATH"),
        executableTimeout);
  }

  /**
   * Opens the backend {@code choice}, running {@code executable} where nft is run, or the nft found
   * on PATH if it is empty.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if the backend cannot be
   *     used; for {@link Choice#AUTO}, the message says why neither can
   */
  public static ScriptBackend open(Choice choice, Optional<Path> executable) {
    return open(choice, executable, System.getenv("PATH"), NftExecutableBackend.DEFAULT_TIMEOUT);
  }

  private static boolean isExecutableFile(String path) {
    try {
      return Files.isRegularFile(Path.of(path)) && Files.isExecutable(Path.of(path));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static ScriptBackend open(
      Choice choice, Optional<Path> executable, String path, Duration timeout) {
    return open(
        choice,
        LibNftablesLoader::system,
        () ->
            (executable.isPresent()
                    ? NftExecutableBackend.at(executable.get())
                    : NftExecutableBackend.find(path))
                .withTimeout(timeout));
  }

  static ScriptBackend open(
      Choice choice,
      Supplier<LibNftablesLoader> loader,
      Supplier<NftExecutableBackend> executable) {
    switch (choice) {
      case LIBNFTABLES:
        return LibNftablesBackend.open(loader.get(), null);
      case EXECUTABLE:
        NftExecutableBackend nft = executable.get();
        nft.version();
        return nft;
      default:
        NftExecutableBackend fallback = null;
        NftException noExecutable = null;
        try {
          fallback = executable.get();
        } catch (NftException e) {
          noExecutable = e;
        }
        try {
          return LibNftablesBackend.open(loader.get(), fallback);
        } catch (NftException noLibrary) {
          if (fallback != null) {
            // On its own, the executable must run: Debian's nft links libnftables itself.
            try {
              fallback.version();
              return fallback;
            } catch (NftException broken) {
              noExecutable = broken;
            }
          }
          NftException neither =
              new NftException(
                  NftException.Kind.UNAVAILABLE,
                  "neither libnftables nor the nft executable can be used: "
                      + noLibrary.getMessage()
                      + "; "
                      + noExecutable.getMessage(),
                  "",
                  noLibrary);
          neither.addSuppressed(noExecutable);
          throw neither;
        }
    }
  }
}
