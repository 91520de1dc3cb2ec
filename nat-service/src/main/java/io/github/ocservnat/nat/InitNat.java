package io.github.ocservnat.nat;

import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.NftException;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.Transaction;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The init-nat launcher: run once when a VPN container starts. It reads the configuration from the
 * environment ({@link EnvironmentConfig}), switches on IP forwarding, and puts the NAT table in
 * place in one atomic nftables transaction.
 *
 * <p>Exit codes: 0 applied; 1 unexpected failure; 2 configuration error; 3 forwarding could not be
 * switched on; 4 a kernel or nftables feature is missing; 5 nftables refused the transaction.
 */
public final class InitNat {
  static final int OK = 0;
  static final int UNEXPECTED = 1;
  static final int CONFIG_ERROR = 2;
  static final int FORWARDING_ERROR = 3;
  static final int MISSING_FEATURE = 4;
  static final int TRANSACTION_FAILED = 5;

  static final String IPV4_FORWARD = "net.ipv4.ip_forward";
  static final String IPV6_FORWARD = "net.ipv6.conf.all.forwarding";

  private final Map<String, String> environment;
  private final Sysctls sysctls;
  private final Supplier<NftRunner> nft;
  private final InitNatLog log;

  InitNat(
      Map<String, String> environment, Sysctls sysctls, Supplier<NftRunner> nft, InitNatLog log) {
    this.environment = environment;
    this.sysctls = sysctls;
    this.nft = nft;
    this.log = log;
  }

  /** Runs init-nat on the process's environment and exits with its exit code. */
  public static void main(String[] args) {
    InitNatLog log = new InitNatLog(System.out, System.err, Clock.systemDefaultZone());
    InitNat initNat =
        new InitNat(
            System.getenv(),
            new Sysctls(Path.of("/proc/sys")),
            () -> NftRunner.open(System.getenv()),
            log);
    System.exit(initNat.run(args));
  }

  int run(String... args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      log.print(usage());
      return OK;
    }
    if (args.length == 1 && args[0].equals("--version")) {
      log.print("init-nat " + version() + "\n");
      return OK;
    }
    if (args.length > 1) {
      log.error(
          "init-nat takes at most one argument, got "
              + args.length
              + ": '"
              + String.join("' '", args)
              + "' (usage: init-nat [--help | --version])");
      return CONFIG_ERROR;
    }
    if (args.length == 1) {
      log.error("unknown argument '" + args[0] + "' (usage: init-nat [--help | --version])");
      return CONFIG_ERROR;
    }

    try {
      return apply();
    } catch (ConfigException e) {
      log.error(e.getMessage());
      return CONFIG_ERROR;
    } catch (ForwardingException e) {
      log.error(e.getMessage());
      return FORWARDING_ERROR;
    } catch (NftException e) {
      return nftFailed(e);
    } catch (InvalidValueException e) {
      log.error(e.getMessage());
      return CONFIG_ERROR;
    } catch (RuntimeException e) {
      log.error("unexpected failure: " + e);
      return UNEXPECTED;
    }
  }

  private int apply() throws ConfigException, ForwardingException {
    NatConfig config = EnvironmentConfig.read(environment);
    Table table = NatRuleset.table(config);
    String script = Transaction.replacing(table).toString();
    log.info(describe(config));

    // Load libnftables and check every sysctl before changing anything, so that a missing
    // library or a read-only /proc/sys leaves everything as it was.
    try (NftRunner runner = nft.get()) {
      boolean ipv6 = sysctls.exists(IPV6_FORWARD);
      checkIpv6Nat(config, ipv6);
      List<String> keys = new ArrayList<>(List.of(IPV4_FORWARD));
      if (!config.ipv6Forward()) {
        log.info("IPV6_FORWARD=0: leaving " + IPV6_FORWARD + " as it is");
      } else if (!ipv6) {
        log.info("IPv6 is disabled in this network namespace; skipping " + IPV6_FORWARD);
      } else {
        keys.add(IPV6_FORWARD);
      }
      for (String key : keys) {
        checkWritable(key);
      }
      for (String key : keys) {
        enableForwarding(key);
      }

      runner.run(script);
    }
    log.info("applied table inet " + table.name() + " (" + summary(table) + ")");
    return OK;
  }

  /** IPv6 NAT where no IPv6 packet is forwarded does nothing: a mistake worth reporting. */
  private void checkIpv6Nat(NatConfig config, boolean ipv6)
      throws ConfigException, ForwardingException {
    if (!config.ipv6Nat()) {
      return;
    }
    if (!ipv6) {
      throw new ConfigException(
          "IPV6_NAT: '1' but IPv6 is disabled in this network namespace, so there is no IPv6"
              + " traffic to masquerade (set IPV6_NAT=0, or enable IPv6 in the container)");
    }
    if (!config.ipv6Forward() && !read(IPV6_FORWARD).equals("1")) {
      throw new ConfigException(
          "IPV6_NAT: '1' but IPV6_FORWARD=0 and "
              + IPV6_FORWARD
              + " is 0, so no IPv6 traffic is forwarded to masquerade (set IPV6_FORWARD=1)");
    }
  }

  /** Fails before anything is written if a sysctl that needs a change cannot take one. */
  private void checkWritable(String key) throws ForwardingException {
    String value = read(key);
    if (value.equals("1")) {
      return;
    }
    try {
      sysctls.checkWritable(key);
    } catch (IOException e) {
      throw cannotSet(key, value, e);
    }
  }

  private ForwardingException cannotSet(String key, String value, IOException e) {
    return new ForwardingException(
        key
            + " is "
            + value
            + " and cannot be set to 1 ("
            + reason(e)
            + "); start the container with --sysctl "
            + key
            + "=1"
            + (key.equals(IPV6_FORWARD) ? ", or set IPV6_FORWARD=0 if the VPN is IPv4-only" : ""));
  }

  private void enableForwarding(String key) throws ForwardingException {
    String before = read(key);
    if (before.equals("1")) {
      log.info(key + " is already 1");
      return;
    }

    try {
      sysctls.write(key, "1");
    } catch (IOException e) {
      throw cannotSet(key, before, e);
    }
    String after = read(key);
    if (!after.equals("1")) {
      throw new ForwardingException(key + " is still " + after + " after writing 1 to it");
    }
    log.info("set " + key + " to 1 (was " + before + ")");
  }

  private String read(String key) throws ForwardingException {
    try {
      return sysctls.read(key);
    } catch (IOException e) {
      String why =
          e instanceof NoSuchFileException ? "no such file: is /proc/sys masked?" : reason(e);
      throw new ForwardingException(
          key + " cannot be read from " + sysctls.path(key) + " (" + why + ")");
    }
  }

  private int nftFailed(NftException e) {
    switch (e.kind()) {
      case UNAVAILABLE:
        log.error(e.getMessage());
        return MISSING_FEATURE;
      case NOT_SUPPORTED:
        log.error(
            "the kernel lacks a feature the NAT table needs: "
                + e.getMessage()
                + " (the host kernel needs nf_tables, nf_nat and nft_masq; NAT in an inet table"
                + " needs Linux 5.2 or later)");
        log.detail(e);
        return MISSING_FEATURE;
      case PERMISSION_DENIED:
        log.error(
            "nftables refused the NAT table: "
                + e.getMessage()
                + " (the container needs the NET_ADMIN capability, e.g. --cap-add NET_ADMIN;"
                + " or the table has flags owner and belongs to another process)");
        log.detail(e);
        return TRANSACTION_FAILED;
      default:
        log.error("nftables refused the NAT table; the table was not changed: " + e.getMessage());
        log.detail(e);
        return TRANSACTION_FAILED;
    }
  }

  private static String describe(NatConfig config) {
    return String.join(
        " ",
        EnvironmentConfig.VPN_SUBNET + "=" + config.vpnSubnet(),
        EnvironmentConfig.WAN_IF + "=" + config.wanInterface(),
        EnvironmentConfig.VPN_IF + "=" + config.vpnInterface(),
        EnvironmentConfig.IPV6_FORWARD + "=" + (config.ipv6Forward() ? 1 : 0),
        EnvironmentConfig.IPV6_NAT + "=" + (config.ipv6Nat() ? 1 : 0),
        EnvironmentConfig.IPV6_SUBNET + "=" + config.ipv6Subnet());
  }

  private static String summary(Table table) {
    return table.chains().stream()
        .map(chain -> chain.name() + ": " + count(chain))
        .collect(Collectors.joining(", "));
  }

  private static String count(Chain chain) {
    int rules = chain.rules().size();
    return rules + (rules == 1 ? " rule" : " rules");
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String version() {
    String version = InitNat.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }

  static String usage() {
    return """
        Usage: init-nat [-h | --help | --version]

        Switches on IP forwarding and installs the NAT table (table inet ocserv) that lets
        VPN clients reach the internet. Configured by environment variables:

          VPN_SUBNET=10.10.10.0/24             IPv4 subnet of the VPN clients, masqueraded
          WAN_IF=eth0                          uplink interface
          VPN_IF=vpns+                         tunnel interfaces; a trailing + or * is a prefix
          IPV6_FORWARD=1                       1: switch on net.ipv6.conf.all.forwarding
          IPV6_NAT=0                           1: masquerade IPV6_SUBNET on the uplink too
          IPV6_SUBNET=fda9:4efe:7e3b:03ea::/64 IPv6 subnet of the VPN clients

        Exit codes: 0 applied, 1 unexpected failure, 2 configuration error, 3 forwarding
        could not be switched on, 4 kernel or nftables feature missing, 5 nftables refused
        the transaction.
        """;
  }

  /** Forwarding could not be switched on. */
  static final class ForwardingException extends Exception {
    private static final long serialVersionUID = 1L;

    ForwardingException(String message) {
      super(message);
    }
  }
}
