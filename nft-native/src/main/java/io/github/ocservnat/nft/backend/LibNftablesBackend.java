package io.github.ocservnat.nft.backend;

import io.github.ocservnat.nft.model.NftException;
import java.util.function.Function;

/**
 * Applies, checks and lists through libnftables in this process: the fastest backend, and the one
 * {@link NftBackends} prefers.
 *
 * <p>It keeps one libnftables context, made in the network namespace of the thread that opens the
 * backend, and serialises every call into it. While the process has no file descriptor below 1024
 * free, libnftables would abort it (see {@link Nftables}); the backend then hands each call to its
 * fallback, usually the nft executable, and makes its context once descriptors are free again.
 */
public final class LibNftablesBackend implements ScriptBackend {
  private final LibNftablesLoader loader;
  private final ScriptBackend fallback;
  private Nftables nftables;
  private String refusal;
  private boolean closed;
  private long fallbackCalls;

  private LibNftablesBackend(LibNftablesLoader loader, ScriptBackend fallback) {
    this.loader = loader;
    this.fallback = fallback;
  }

  /**
   * Opens the backend with no fallback: while libnftables is unsafe to use, calls fail.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if libnftables cannot be
   *     loaded or cannot open a netlink socket
   */
  public static LibNftablesBackend open() {
    return open(LibNftablesLoader.system(), null);
  }

  /**
   * Opens the backend with {@code fallback} for the calls libnftables cannot take safely.
   *
   * @throws NftException of kind {@link NftException.Kind#UNAVAILABLE} if libnftables cannot be
   *     loaded or cannot open a netlink socket
   */
  public static LibNftablesBackend open(ScriptBackend fallback) {
    return open(LibNftablesLoader.system(), fallback);
  }

  static LibNftablesBackend open(LibNftablesLoader loader, ScriptBackend fallback) {
    LibNftablesBackend backend = new LibNftablesBackend(loader, fallback);
    backend.context();
    return backend;
  }

  @Override
  public NftOutput run(String script) {
    boolean json = Scripts.isJson(Scripts.check(script));
    return call(nft -> nft.run(script, false, json), fallback -> fallback.run(script));
  }

  @Override
  public NftOutput check(String script) {
    boolean json = Scripts.isJson(Scripts.check(script));
    return call(nft -> nft.run(script, true, json), fallback -> fallback.check(script));
  }

  @Override
  public String listJson(String command) {
    Scripts.listing(command);
    return call(
        nft -> nft.run(command, false, true).output(), fallback -> fallback.listJson(command));
  }

  /** Makes the call in process if that is safe now, else through the fallback. */
  private <T> T call(Function<Nftables, T> inProcess, Function<ScriptBackend, T> otherwise) {
    Nftables context = context();
    return context == null ? otherwise.apply(fallback()) : inProcess.apply(context);
  }

  @Override
  public String describe() {
    return "libnftables (" + loader.name() + ", in process)";
  }

  /** Returns how many calls went to the fallback because libnftables was not safe to use. */
  public synchronized long fallbackCalls() {
    return fallbackCalls;
  }

  /** Frees the libnftables context. Closing twice is harmless. */
  @Override
  public synchronized void close() {
    closed = true;
    if (nftables != null) {
      nftables.close();
      nftables = null;
    }
  }

  /**
   * Returns the context, making it if it is safe to now, or null if the call must go to the
   * fallback.
   */
  private synchronized Nftables context() {
    if (closed) {
      throw new IllegalStateException("libnftables backend is closed");
    }
    if (nftables != null) {
      return nftables;
    }
    Nftables.Opening opening = Nftables.tryOpen(loader);
    if (opening.context() != null) {
      nftables = opening.context();
      refusal = null;
      return nftables;
    }
    if (!opening.descriptors()) {
      throw new NftException(NftException.Kind.UNAVAILABLE, opening.refusal(), "", null);
    }
    refusal = opening.refusal();
    return null;
  }

  private synchronized ScriptBackend fallback() {
    if (fallback == null) {
      throw new NftException(NftException.Kind.UNAVAILABLE, refusal, "", null);
    }
    fallbackCalls++;
    return fallback;
  }

  @Override
  public String toString() {
    return describe();
  }
}
