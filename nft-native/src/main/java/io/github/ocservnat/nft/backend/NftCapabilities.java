package io.github.ocservnat.nft.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ocservnat.nft.model.NftException;
import java.io.IOException;
import java.util.Optional;

/**
 * What a backend and the kernel under it can do, found by asking them: versions, and whether
 * features that not every kernel or nftables has work. Every probe is a dry run; nothing changes.
 *
 * @param backend what the backend is, as {@link ScriptBackend#describe()} says
 * @param nftablesVersion the nftables version of the library or executable, such as {@code 1.0.6};
 *     empty if it could not be asked (libnftables says it only in a listing, which needs
 *     CAP_NET_ADMIN)
 * @param kernelRelease the running kernel's release, as {@code uname -r} prints it
 * @param inetNat whether NAT chains work in {@code inet} tables (Linux 5.2 and later, with nf_nat
 *     and nft_masq)
 * @param destroy whether the {@code destroy} command works (nftables 1.0.8 and Linux 6.3 and later)
 */
public record NftCapabilities(
    String backend,
    Optional<String> nftablesVersion,
    String kernelRelease,
    Capability inetNat,
    Capability destroy) {

  /** Whether something works here. */
  public enum Status {
    /** It works. */
    YES,
    /** It does not; the detail says what is missing. */
    NO,
    /** The probe could not tell, for instance for want of CAP_NET_ADMIN; the detail says why. */
    UNKNOWN
  }

  /**
   * The answer of one probe.
   *
   * @param status whether it works
   * @param detail why not, or why the probe could not tell; empty when it works
   */
  public record Capability(Status status, String detail) {}

  private static final String PROBE_TABLE = "inet ocserv_nat_probe";

  private static final String INET_NAT =
      "add table "
          + PROBE_TABLE
          + "\nadd chain "
          + PROBE_TABLE
          + " postrouting { type nat hook postrouting priority 100; }\nadd rule "
          + PROBE_TABLE
          + " postrouting masquerade\n";

  /** Asks {@code backend}, and the kernel under it, what they can do. */
  public static NftCapabilities probe(ScriptBackend backend) {
    String kernel = System.getProperty("os.version");
    return new NftCapabilities(
        backend.describe(), version(backend), kernel, inetNat(backend, kernel), destroy(backend));
  }

  private static Optional<String> version(ScriptBackend backend) {
    if (backend instanceof NftExecutableBackend) {
      try {
        return Optional.of(((NftExecutableBackend) backend).version());
      } catch (NftException e) {
        return Optional.empty();
      }
    }
    try {
      JsonNode listing = new ObjectMapper().readTree(backend.listJson("list tables"));
      for (JsonNode entry : listing.path("nftables")) {
        JsonNode version = entry.path("metainfo").path("version");
        if (version.isTextual()) {
          return Optional.of(version.asText());
        }
      }
    } catch (NftException | IOException e) {
      // The version is only reported in listings; without one it stays unknown.
    }
    return Optional.empty();
  }

  private static Capability inetNat(ScriptBackend backend, String kernel) {
    try {
      backend.check(INET_NAT);
      return new Capability(Status.YES, "");
    } catch (NftException e) {
      if (e.kind() == NftException.Kind.PERMISSION_DENIED
          || e.kind() == NftException.Kind.UNAVAILABLE) {
        return new Capability(Status.UNKNOWN, e.getMessage());
      }
      String detail = e.getMessage();
      if (olderThan(kernel, 5, 2)) {
        detail += "; NAT in inet tables needs Linux 5.2 or later, and this is " + kernel;
      }
      return new Capability(Status.NO, detail);
    }
  }

  private static Capability destroy(ScriptBackend backend) {
    try {
      backend.check("destroy table " + PROBE_TABLE + "\n");
      return new Capability(Status.YES, "");
    } catch (NftException e) {
      switch (e.kind()) {
        case SYNTAX:
          return new Capability(
              Status.NO, "this nftables has no destroy command (nftables 1.0.8 and later)");
        case PERMISSION_DENIED:
        case UNAVAILABLE:
          return new Capability(Status.UNKNOWN, e.getMessage());
        default:
          return new Capability(
              Status.NO, "the kernel refused destroy (Linux 6.3 and later): " + e.getMessage());
      }
    }
  }

  /** Returns whether the kernel release {@code kernel} is older than major.minor. */
  static boolean olderThan(String kernel, int major, int minor) {
    String[] parts = kernel.split("[^0-9]+", 3);
    try {
      int kernelMajor = Integer.parseInt(parts[0]);
      int kernelMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return kernelMajor < major || (kernelMajor == major && kernelMinor < minor);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
