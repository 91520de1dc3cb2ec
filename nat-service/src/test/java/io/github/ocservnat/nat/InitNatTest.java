package io.github.ocservnat.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.nft.backend.NftBackends;
import io.github.ocservnat.nft.fake.FakeNftables;
import io.github.ocservnat.nft.model.BaseChain;
import io.github.ocservnat.nft.model.Chain;
import io.github.ocservnat.nft.model.ChainType;
import io.github.ocservnat.nft.model.Counter;
import io.github.ocservnat.nft.model.Family;
import io.github.ocservnat.nft.model.Hook;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.Match;
import io.github.ocservnat.nft.model.NftBackend;
import io.github.ocservnat.nft.model.NftException;
import io.github.ocservnat.nft.model.NftJsonReader;
import io.github.ocservnat.nft.model.NftText;
import io.github.ocservnat.nft.model.Policy;
import io.github.ocservnat.nft.model.Priority;
import io.github.ocservnat.nft.model.RawStatement;
import io.github.ocservnat.nft.model.Rule;
import io.github.ocservnat.nft.model.Statement;
import io.github.ocservnat.nft.model.Table;
import io.github.ocservnat.nft.model.TableFlag;
import io.github.ocservnat.nft.model.TableRef;
import io.github.ocservnat.nft.model.Transaction;
import io.github.ocservnat.nft.model.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitNatTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T08:09:10Z"), ZoneOffset.UTC);
  private static final String T = "2026-12-03 08:09:10 [INIT-NAT] ";
  private static final TableRef OCSERV = new TableRef(Family.INET, "ocserv");

  @TempDir Path root;

  private TestHost host;
  private final Map<String, String> environment = new HashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final FakeNftables fake = new FakeNftables();
  private final List<Transaction> applied = new ArrayList<>();
  private NftException nftFailure;
  private Optional<Table> readBack;
  private boolean opened;

  @BeforeEach
  void namespaceWithForwardingOff() {
    host = new TestHost(root);
  }

  /** Writes ocserv's configuration where init-nat looks for it by default. */
  private void ocservConf(String text) {
    try {
      Files.createDirectories(host.ocservConfig().getParent());
      Files.writeString(host.ocservConfig(), text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private int run(String... args) {
    return run(this::backend, args);
  }

  private int run(Function<Map<String, String>, NftBackend> backends, String... args) {
    return new InitNat(environment, host.host(), backends, log()).run(args);
  }

  private InitNatLog log() {
    return new InitNatLog(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        CLOCK);
  }

  /** The fake, recording what is applied, failing with {@link #nftFailure} if set. */
  private NftBackend backend(Map<String, String> backendEnvironment) {
    opened = true;
    return new NftBackend() {
      @Override
      public void apply(Transaction transaction) {
        if (nftFailure != null) {
          throw nftFailure;
        }
        applied.add(transaction);
        fake.apply(transaction);
      }

      @Override
      public void check(Transaction transaction) {
        if (nftFailure != null) {
          throw nftFailure;
        }
        fake.check(transaction);
      }

      @Override
      public List<Table> listRuleset() {
        return fake.listRuleset();
      }

      @Override
      public Optional<Table> listTable(TableRef table) {
        return !applied.isEmpty() && readBack != null ? readBack : fake.listTable(table);
      }
    };
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String live() {
    return fake.listTable(OCSERV).map(NftText::table).orElse("(none)");
  }

  private static String expected(NatConfig.Builder config) {
    return NftText.table(NatRuleset.table(config.build()));
  }

  @Test
  void defaultsSwitchOnForwardingAndPutTheTableInPlace() {
    int exit = run();

    assertThat(exit).isZero();
    assertThat(host.sysctl("net.ipv4.ip_forward")).isEqualTo("1");
    assertThat(host.sysctl("net.ipv6.conf.all.forwarding")).isEqualTo("1");
    assertThat(live()).isEqualTo(expected(NatConfig.builder()));
    assertThat(out())
        .isEqualTo(
            T
                + "no "
                + host.ocservConfig()
                + "; settings not given take their defaults\n"
                + T
                + "WAN_IF=eth0 detected: the IPv4 default route via 192.0.2.1, metric 0\n"
                + T
                + "VPN_SUBNET=10.10.10.0/24 WAN_IF=eth0 VPN_IF=vpns* IPV6_FORWARD=1 IPV6_NAT=0"
                + " IPV6_SUBNET=fda9:4efe:7e3b:3ea::/64 MSS_CLAMP=1\n"
                + T
                + "set net.ipv4.ip_forward to 1 (was 0)\n"
                + T
                + "set net.ipv6.conf.all.forwarding to 1 (was 0)\n"
                + T
                + "applied table inet ocserv"
                + " (forward: 4 rules, input: 2 rules, output: 2 rules, postrouting: 1 rule)\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void runningAgainChangesNothingAndSaysSo() {
    run();
    out.reset();

    int exit = run();

    assertThat(exit).isZero();
    assertThat(applied).hasSize(1);
    assertThat(out())
        .contains(T + "net.ipv4.ip_forward is already 1\n")
        .contains(T + "net.ipv6.conf.all.forwarding is already 1\n")
        .endsWith(T + "table inet ocserv is already in place; nothing changed\n");
  }

  @Test
  void aMovedSubnetReplacesTheTableWithoutLeavingTheOldRule() {
    run();
    out.reset();
    environment.put("VPN_SUBNET", "10.20.0.0/16");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(live())
        .isEqualTo(expected(NatConfig.builder().vpnSubnet(IpPrefix.parse("10.20.0.0/16"))))
        .doesNotContain("10.10.10.0");
    assertThat(applied.get(1))
        .isEqualTo(
            NatRuleset.replace(
                NatConfig.builder().vpnSubnet(IpPrefix.parse("10.20.0.0/16")).build()));
    assertThat(out())
        .endsWith(
            T
                + "replaced table inet ocserv"
                + " (forward: 4 rules, input: 2 rules, output: 2 rules, postrouting: 1 rule)\n"
                + T
                + "  - chain postrouting: ip saddr 10.10.10.0/24 oifname \"eth0\" masquerade\n"
                + T
                + "  + chain postrouting: ip saddr 10.20.0.0/16 oifname \"eth0\" masquerade\n");
  }

  @Test
  void listsMakeOneRuleWithASetAndDropWhatIsCovered() {
    environment.put("VPN_SUBNET", "10.10.10.0/24, 10.20.0.0/16 10.20.5.0/24,10.10.10.0/24");
    environment.put("WAN_IF", "eth0 eth1");
    host.link("eth1", 1500);

    int exit = run();

    assertThat(exit).isZero();
    assertThat(live())
        .contains(
            "\t\tip saddr { 10.10.10.0/24, 10.20.0.0/16 } oifname { \"eth0\", \"eth1\" }"
                + " masquerade\n");
    assertThat(err())
        .isEqualTo(
            T
                + "warning: VPN_SUBNET: '10.20.5.0/24' lies within '10.20.0.0/16'; it is left"
                + " out\n"
                + T
                + "warning: VPN_SUBNET: '10.10.10.0/24' is listed more than once; once is"
                + " enough\n");
  }

  @Test
  void forwardingAlreadyOnIsNotWritten() {
    host.sysctl("net.ipv4.ip_forward", "1").sysctl("net.ipv6.conf.all.forwarding", "1");
    host.readOnly("net.ipv4.ip_forward").readOnly("net.ipv6.conf.all.forwarding");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(out())
        .contains(T + "net.ipv4.ip_forward is already 1\n")
        .contains(T + "net.ipv6.conf.all.forwarding is already 1\n");
  }

  @Test
  void ipv6ForwardOffLeavesIpv6Alone() {
    environment.put("IPV6_FORWARD", "0");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(host.sysctl("net.ipv6.conf.all.forwarding")).isEqualTo("0");
    assertThat(out())
        .contains(T + "IPV6_FORWARD=0: leaving net.ipv6.conf.all.forwarding as it is\n");
  }

  @Test
  void namespaceWithoutIpv6IsSkipped() {
    host.withoutIpv6();

    int exit = run();

    assertThat(exit).isZero();
    assertThat(out())
        .contains(T + "the kernel has no IPv6; skipping net.ipv6.conf.all.forwarding\n");
  }

  @Test
  void anUplinkTakingRouterAdvertisementsKeepsTakingThem() {
    host.sysctl("net.ipv6.conf.eth0.accept_ra", "1");
    host.link("eth0.100", 1500).sysctl("net.ipv6.conf.eth0.100.accept_ra", "1");
    host.link("vpns0", 1400).sysctl("net.ipv6.conf.vpns0.accept_ra", "1");
    environment.put("WAN_IF", "eth0+");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(host.sysctl("net.ipv6.conf.eth0.accept_ra")).isEqualTo("2");
    assertThat(host.sysctl("net.ipv6.conf.eth0.100.accept_ra")).isEqualTo("2");
    assertThat(host.sysctl("net.ipv6.conf.vpns0.accept_ra")).isEqualTo("1");
    assertThat(out())
        .contains(
            T
                + "set net.ipv6.conf.eth0.accept_ra to 2 (was 1)\n"
                + T
                + "set net.ipv6.conf.eth0.100.accept_ra to 2 (was 1)\n"
                + T
                + "set net.ipv6.conf.all.forwarding to 1 (was 0)\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "net.ipv4.ip_forward| 0| net.ipv4.ip_forward is 0 and cannot be set to 1 (read-only file"
            + " system); start the container with --sysctl net.ipv4.ip_forward=1",
        "net.ipv6.conf.all.forwarding| 0| net.ipv6.conf.all.forwarding is 0 and cannot be set to"
            + " 1 (read-only file system); start the container with --sysctl"
            + " net.ipv6.conf.all.forwarding=1, or set IPV6_FORWARD=0 if the VPN is IPv4-only",
        "net.ipv6.conf.eth0.accept_ra| 1| net.ipv6.conf.eth0.accept_ra is 1 and cannot be set to"
            + " 2 (read-only file system); start the container with --sysctl"
            + " net.ipv6.conf.eth0.accept_ra=2, or set IPV6_FORWARD=0 if the VPN is IPv4-only",
      })
  void aReadOnlySysctlNamesTheContainerOptionAndChangesNothing(
      String key, String value, String message) {
    host.sysctl(key, value).readOnly(key);

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.FORWARDING_ERROR);
    assertThat(host.sysctl("net.ipv4.ip_forward")).isEqualTo(key.contains("ipv4") ? value : "0");
    assertThat(host.sysctl("net.ipv6.conf.all.forwarding")).isEqualTo("0");
    assertThat(applied).isEmpty();
    assertThat(err()).isEqualTo(T + "error: " + message + "\n");
  }

  @Test
  void theUplinkOfTheLowestMetricDefaultRouteIsDetected() {
    host.link("ens3", 1500).link("ens4", 9000);
    host.noDefaultRoute()
        .defaultRoute("ens4", "0100330A", 200)
        .defaultRoute("ens3", "0101A8C0", 100);

    int exit = run();

    assertThat(exit).isZero();
    assertThat(out())
        .contains(T + "WAN_IF=ens3 detected: the IPv4 default route via 192.168.1.1, metric 100\n");
    assertThat(live()).contains("oifname \"ens3\" masquerade");
  }

  @Test
  void withoutADefaultRouteTheUplinkIsEth0IfItExistsWithAWarning() {
    host.noDefaultRoute();

    int exit = run();

    assertThat(exit).isZero();
    assertThat(live()).isEqualTo(expected(NatConfig.builder()));
    assertThat(out()).doesNotContain("WAN_IF=eth0:");
    assertThat(err())
        .isEqualTo(
            T
                + "warning: WAN_IF=eth0: no IPv4 default route; eth0 exists and is taken as the"
                + " uplink, but the gateway has no route to the internet, so clients get no"
                + " internet until one is added through the uplink's router (e.g. ip route add"
                + " default via <router> dev eth0)\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "WAN_IF| eth0| WAN_IF=eth0: no IPv4 default route; the gateway has no route to the"
            + " internet, so clients get no internet until one is added through the uplink's"
            + " router (e.g. ip route add default via <router> dev eth0)",
        "WAN_IF| eth+| WAN_IF=eth*: no IPv4 default route; the gateway has no route to the"
            + " internet, so clients get no internet until one is added through the uplink's"
            + " router (e.g. ip route add default via <router>)",
        "WAN_IF| eth0,eth1| WAN_IF=eth0,eth1: no IPv4 default route; the gateway has no route to"
            + " the internet, so clients get no internet until one is added through the uplink's"
            + " router (e.g. ip route add default via <router>)",
        "--wan-if| eth1| --wan-if=eth1: no IPv4 default route; the gateway has no route to the"
            + " internet, so clients get no internet until one is added through the uplink's"
            + " router (e.g. ip route add default via <router> dev eth1)",
      })
  void withoutADefaultRouteASetUplinkIsWarnedAbout(String setting, String value, String message) {
    host.link("eth1", 1500).noDefaultRoute();
    List<String> args = new ArrayList<>();
    if (setting.startsWith("--")) {
      args.add(setting + "=" + value);
    } else {
      environment.put(setting, value);
    }

    int exit = run(args.toArray(String[]::new));

    assertThat(exit).isZero();
    assertThat(live()).contains("masquerade");
    assertThat(err()).isEqualTo(T + "warning: " + message + "\n");
  }

  @Test
  void withoutADefaultRouteOrEth0TheUplinkMustBeSet() throws IOException {
    host = new TestHost(root.resolve("other"));
    host.noDefaultRoute().link("ens3", 1500);
    Files.delete(root.resolve("other/sys/class/net/eth0/mtu"));
    Files.writeString(
        root.resolve("other/proc/net/dev"),
        Files.readString(root.resolve("other/proc/net/dev")).replace("  eth0: 0", "  ens9: 0"));

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(opened).isFalse();
    assertThat(err())
        .isEqualTo(
            T
                + "error: WAN_IF: not set, and there is no IPv4 default route and no eth0 to fall"
                + " back on (interfaces present: ens3, ens9, lo); set WAN_IF to the uplink"
                + " (example: WAN_IF=ens3)\n");
  }

  @Test
  void anUplinkThatDoesNotExistIsWarnedAbout() {
    environment.put("WAN_IF", "ens3");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err())
        .isEqualTo(
            T
                + "warning: WAN_IF: no interface 'ens3' exists in this network namespace"
                + " (present: eth0, lo); its rules match nothing until it appears\n"
                + T
                + "warning: WAN_IF=ens3 does not match eth0, the interface of the IPv4 default"
                + " route via 192.0.2.1: the clients' traffic to the internet leaves by eth0"
                + " unmasqueraded, so they connect but get no internet (set WAN_IF=eth0, or unset"
                + " it to take the default route's interface)\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "WAN_IF| eth1| WAN_IF=eth1 does not match eth0, the interface of the IPv4 default route"
            + " via 192.0.2.1: the clients' traffic to the internet leaves by eth0 unmasqueraded,"
            + " so they connect but get no internet (set WAN_IF=eth0, or unset it to take the"
            + " default route's interface)",
        "WAN_IF| eth1 ens3| WAN_IF=eth1,ens3 does not match eth0, the interface of the IPv4"
            + " default route via 192.0.2.1: the clients' traffic to the internet leaves by eth0"
            + " unmasqueraded, so they connect but get no internet (add eth0 to WAN_IF, or unset"
            + " it to take the default route's interface)",
        "WAN_IF| ens+| WAN_IF=ens* does not match eth0, the interface of the IPv4 default route"
            + " via 192.0.2.1: the clients' traffic to the internet leaves by eth0 unmasqueraded,"
            + " so they connect but get no internet (set WAN_IF=eth0, or unset it to take the"
            + " default route's interface)",
        "--wan-if| eth1| --wan-if=eth1 does not match eth0, the interface of the IPv4 default"
            + " route via 192.0.2.1: the clients' traffic to the internet leaves by eth0"
            + " unmasqueraded, so they connect but get no internet (set --wan-if=eth0, or unset"
            + " it to take the default route's interface)",
      })
  void anUplinkThatIsNotTheDefaultRoutesIsWarnedAbout(
      String setting, String value, String message) {
    host.link("eth1", 1500).link("ens3", 1500);

    List<String> args = new ArrayList<>();
    if (setting.startsWith("--")) {
      args.add(setting + "=" + value);
    } else {
      environment.put(setting, value);
    }

    int exit = run(args.toArray(String[]::new));

    assertThat(exit).isZero();
    assertThat(live()).contains("masquerade");
    assertThat(err()).isEqualTo(T + "warning: " + message + "\n");
  }

  @ParameterizedTest
  @CsvSource({"eth0", "eth+", "et*", "'eth1, eth0'", "eth0 ens+"})
  void anUplinkThatMatchesTheDefaultRoutesIsNotWarnedAbout(String value) {
    host.link("eth1", 1500).link("ens3", 1500);
    environment.put("WAN_IF", value);

    assertThat(run()).isZero();
    assertThat(err()).isEmpty();
  }

  @Test
  void aDefaultRouteWithoutAGatewayIsNamedWithoutOne() {
    host.link("ppp0", 1492).noDefaultRoute().defaultRoute("ppp0", "00000000", 0);
    environment.put("WAN_IF", "eth0");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err())
        .isEqualTo(
            T
                + "warning: WAN_IF=eth0 does not match ppp0, the interface of the IPv4 default"
                + " route: the clients' traffic to the internet leaves by ppp0 unmasqueraded, so"
                + " they connect but get no internet (set WAN_IF=ppp0, or unset it to take the"
                + " default route's interface)\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "VPN_SUBNET| fda9::/64| VPN_SUBNET: 'fda9::/64' is an IPv6 prefix; VPN_SUBNET takes IPv4"
            + " ones, IPV6_SUBNET the IPv6 (example: 10.10.10.0/24)",
        "VPN_SUBNET| ''| VPN_SUBNET: '' is empty; unset it for the default or set a value"
            + " (example: 10.10.10.0/24)",
        "VPN_SUBNET| 0.0.0.0/0| VPN_SUBNET: '0.0.0.0/0' covers every address; masquerading it"
            + " would rewrite all traffic leaving the uplink, not just the VPN clients' (example:"
            + " 10.10.10.0/24)",
        "VPN_SUBNET| '10.10.10.0/24,,10.20.0.0/16'| VPN_SUBNET: '10.10.10.0/24,,10.20.0.0/16' has"
            + " an empty entry; separate entries with one comma and/or spaces (example:"
            + " 10.10.10.0/24,10.10.20.0/24)",
        "VPN_SUBNET| 127.0.0.0/8| VPN_SUBNET: '127.0.0.0/8' overlaps the loopback block"
            + " 127.0.0.0/8; the kernel never forwards those addresses, so they cannot be"
            + " masqueraded (example: 10.10.10.0/24)",
        "IPV6_SUBNET| fe80::/64| IPV6_SUBNET: 'fe80::/64' overlaps the link-local block"
            + " fe80::/10; the kernel never forwards those addresses, so they cannot be"
            + " masqueraded (example: fda9:4efe:7e3b:3ea::/64)",
        "VPN_SUBNET| 0.0.0.0/1| VPN_SUBNET: '0.0.0.0/1' overlaps the this-network block"
            + " 0.0.0.0/8; the kernel never forwards those addresses, so they cannot be"
            + " masqueraded (example: 10.10.10.0/24)",
        "IPV6_SUBNET| 10.0.0.0/8| IPV6_SUBNET: '10.0.0.0/8' is an IPv4 prefix; IPV6_SUBNET takes"
            + " IPv6 ones, VPN_SUBNET the IPv4 (example: fda9:4efe:7e3b:3ea::/64)",
        "WAN_IF| eth0 vpns0| WAN_IF: 'vpns0' matches interfaces that VPN_IF 'vpns*' matches"
            + " too; the uplink and the tunnel interfaces must be different (example: WAN_IF=eth0"
            + " VPN_IF=vpns+)",
        "VPN_IF| vp*ns| VPN_IF: 'vp*ns' has a '+' or '*' before the end; only a trailing one makes"
            + " a prefix (example: vpns+)",
        "IPV6_FORWARD| yes| IPV6_FORWARD: 'yes' is not 0 or 1 (example: 1)",
        "IPV6_NAT| on| IPV6_NAT: 'on' is not 0 or 1 (example: 1)",
        "MSS_CLAMP| 2| MSS_CLAMP: '2' is not 0 or 1 (example: 1)",
        "MSS| 1500b| MSS: '1500b' is not a whole number (example: 1360)",
        "MSS| -5| MSS: '-5' is not from 536 to 65535 (example: 1360)",
        "MSS| 100| MSS: '100' is not from 536 to 65535 (example: 1360)",
        "MSS| 70000| MSS: '70000' is not from 536 to 65535 (example: 1360)",
        "MSS| 99999999999999999999| MSS: '99999999999999999999' is not from 536 to 65535"
            + " (example: 1360)",
        "MSS| \uff11\uff13\uff16\uff10| MSS: '\uff11\uff13\uff16\uff10' is not a whole number"
            + " (example: 1360)",
        "OCSERV_CONFIG| /nonexistent/ocserv.conf| OCSERV_CONFIG: '/nonexistent/ocserv.conf' does"
            + " not exist; mount ocserv's configuration there, or unset OCSERV_CONFIG and set"
            + " VPN_SUBNET, IPV6_SUBNET and VPN_IF",
      })
  void aBadValueIsAConfigurationErrorAndChangesNothing(
      String variable, String value, String message) {
    environment.put(variable, value);

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(opened).isFalse();
    assertThat(host.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(out()).isEmpty();
    assertThat(err()).isEqualTo(T + "error: " + message + "\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--vpn-subnet=10.0.0.0/33| --vpn-subnet: '10.0.0.0/33'",
        "--bogus| unknown option '--bogus' (init-nat --help lists the options)",
        "--vpn-subnet| --vpn-subnet needs a value (example: --vpn-subnet=10.10.10.0/24)",
        "--dry-run --plan| --plan and --dry-run cannot be used together; choose one mode",
        "eth0| unexpected argument 'eth0'; settings are flags such as"
            + " --vpn-subnet=10.10.10.0/24 (init-nat --help lists them)",
        "--mss=1400 --mss=1300| --mss is given 2 times; give it once, with a list if it takes one"
            + " (example: --mss=1360)",
      })
  void aBadCommandLineIsAConfigurationError(String args, String message) {
    int exit = run(args.split(" "));

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(opened).isFalse();
    assertThat(err()).startsWith(T + "error: " + message);
  }

  @Test
  void aFlagWinsOverItsVariable() {
    environment.put("VPN_SUBNET", "10.30.0.0/16");

    int exit = run("--vpn-subnet", "10.40.0.0/16", "--wan-if=eth0");

    assertThat(exit).isZero();
    assertThat(live()).contains("ip saddr 10.40.0.0/16").doesNotContain("10.30.0.0");
  }

  @Test
  void aFixedMssClampsEverywhereToThatSize() {
    environment.put("MSS", "1400");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(live())
        .contains(
            "\t\tiifname \"vpns*\" oifname \"eth0\" tcp flags syn tcp option maxseg size set"
                + " 1400\n")
        .contains("\t\tiifname \"eth0\" tcp flags syn tcp option maxseg size set 1400\n")
        .contains("\t\toifname \"eth0\" tcp flags syn tcp option maxseg size set 1400\n");
    assertThat(out()).contains(" MSS_CLAMP=1 MSS=1400\n");
  }

  @Test
  void mssClampOffLeavesSynsAlone() {
    environment.put("MSS_CLAMP", "0");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(live()).doesNotContain("maxseg").doesNotContain("chain input");
    assertThat(out())
        .contains(" MSS_CLAMP=0\n")
        .contains("(forward: 2 rules, postrouting: 1 rule)");
  }

  @Test
  void aFixedMssWithClampingOffIsAContradiction() {
    environment.put("MSS_CLAMP", "0");
    environment.put("MSS", "1400");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .isEqualTo(
            T
                + "error: MSS: '1400' asks for a clamp that MSS_CLAMP=0 turns off; unset one of"
                + " them\n");
  }

  @Test
  void theServersOwnConnectionsAreClampedToTheUplinkMtu() {
    host.link("ppp0", 1492).noDefaultRoute().defaultRoute("ppp0", "00000000", 0);

    int exit = run();

    assertThat(exit).isZero();
    assertThat(out())
        .contains(T + "WAN_IF=ppp0 detected: the IPv4 default route, metric 0\n")
        .contains(T + "uplink MTU 1492 (ppp0)\n");
    assertThat(live())
        .contains(
            "\t\tiifname \"ppp0\" meta nfproto ipv4 tcp flags syn tcp option maxseg size set"
                + " 1452\n")
        .contains(
            "\t\toifname \"ppp0\" meta nfproto ipv6 tcp flags syn tcp option maxseg size set"
                + " 1432\n");
  }

  @Test
  void ocservsNetworksAndDeviceAreUsedWhenNotSet() {
    ocservConf(
        """
        device = tun
        ipv4-network = 192.168.1.0
        ipv4-netmask = 255.255.255.0
        ipv6-network = fda9:4efe:7e3b::/48

        [vhost:vpn.example.com]
        ipv4-network = 192.168.2.0/24
        """);
    environment.put("IPV6_NAT", "1");

    int exit = run();

    String conf = host.ocservConfig().toString();
    assertThat(exit).isZero();
    assertThat(out())
        .startsWith(
            T
                + "VPN_SUBNET=192.168.1.0/24,192.168.2.0/24 from "
                + conf
                + ":2, "
                + conf
                + ":7 [vhost:vpn.example.com]\n"
                + T
                + "IPV6_SUBNET=fda9:4efe:7e3b::/48 from "
                + conf
                + ":4\n"
                + T
                + "VPN_IF=tun* from "
                + conf
                + ":1\n");
    assertThat(live())
        .contains("\t\tip saddr 192.168.1.0-192.168.2.255 oifname \"eth0\" masquerade\n")
        .contains("\t\tip6 saddr fda9:4efe:7e3b::/48 oifname \"eth0\" masquerade\n")
        .contains("\t\tiifname \"tun*\" oifname \"eth0\" accept\n");
  }

  @Test
  void aSetSubnetThatMissesOcservsNetworkIsWarnedAboutLoudly() {
    ocservConf("device = vpns\nipv4-network = 192.168.1.0/24\n");
    environment.put("VPN_SUBNET", "10.10.10.0/24");
    environment.put("VPN_IF", "tun+");

    int exit = run();

    String conf = host.ocservConfig().toString();
    assertThat(exit).isZero();
    assertThat(err())
        .isEqualTo(
            T
                + "warning: VPN_SUBNET=10.10.10.0/24 does not cover 192.168.1.0/24, which "
                + conf
                + ":2 leases to clients: those clients connect but get no internet (add it to"
                + " VPN_SUBNET, or unset VPN_SUBNET to take ocserv.conf's networks)\n"
                + T
                + "warning: VPN_IF=tun* does not match ocserv's tunnels vpns* ("
                + conf
                + ":1): their TCP SYNs are not clamped, so connections can stall where the"
                + " path's MTU is small, and the rules init-nat advises for another table's chain"
                + " that drops forwarded traffic would name tun*, not them (set VPN_IF=vpns+, or"
                + " unset it)\n");
  }

  @Test
  void ipv6NatWithoutAnIpv6SubnetAnywhereIsAConfigurationError() {
    ocservConf("ipv4-network = 192.168.1.0/24\n");
    environment.put("IPV6_NAT", "1");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .endsWith(
            "error: IPV6_NAT: '1' but there is no IPv6 subnet to masquerade: IPV6_SUBNET is not"
                + " set and "
                + host.ocservConfig()
                + " has no ipv6-network (set IPV6_SUBNET, e.g."
                + " IPV6_SUBNET=fda9:4efe:7e3b:3ea::/64, or IPV6_NAT=0)\n");
  }

  @Test
  void ipv6NatWithoutIpv6ForwardingIsAConfigurationError() {
    environment.put("IPV6_NAT", "1");
    environment.put("IPV6_FORWARD", "0");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(applied).isEmpty();
    assertThat(host.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(err())
        .isEqualTo(
            T
                + "error: IPV6_NAT: '1' but IPV6_FORWARD=0 and net.ipv6.conf.all.forwarding is 0,"
                + " so no IPv6 traffic is forwarded to masquerade (set IPV6_FORWARD=1)\n");
  }

  @Test
  void ipv6NatWithForwardingAlreadyOnIsFine() {
    environment.put("IPV6_NAT", "1");
    environment.put("IPV6_FORWARD", "0");
    host.sysctl("net.ipv6.conf.all.forwarding", "1");

    assertThat(run()).isZero();
    assertThat(live()).contains("ip6 saddr fda9:4efe:7e3b:3ea::/64 oifname \"eth0\" masquerade");
  }

  @Test
  void ipv6NatWithoutIpv6IsAConfigurationError() {
    environment.put("IPV6_NAT", "1");
    host.withoutIpv6();

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(host.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(err())
        .isEqualTo(
            T
                + "error: IPV6_NAT: '1' but the kernel has no IPv6 (the host was booted with"
                + " ipv6.disable=1?), so there is no IPv6 traffic to masquerade (set"
                + " IPV6_NAT=0)\n");
  }

  @Test
  void dryRunPrintsTheScriptAloneAndTouchesNothing() {
    int exit = run("--dry-run");

    assertThat(exit).isZero();
    assertThat(opened).isFalse();
    assertThat(host.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(out()).isEqualTo(NatRuleset.replace(NatConfig.defaults()).toString());
    assertThat(err()).contains("VPN_SUBNET=10.10.10.0/24 WAN_IF=eth0");
  }

  @Test
  void checkAsksNftablesAndChangesNothing() {
    int exit = run("--check");

    assertThat(exit).isZero();
    assertThat(applied).isEmpty();
    assertThat(host.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(out())
        .endsWith(
            T
                + "would set net.ipv4.ip_forward to 1\n"
                + T
                + "would set net.ipv6.conf.all.forwarding to 1\n"
                + T
                + "check passed: nftables accepts table inet ocserv; applying would make 1 change;"
                + " nothing changed\n");
  }

  @Test
  void checkReportsAReadOnlySysctlAsApplyWould() {
    host.readOnly("net.ipv4.ip_forward");

    assertThat(run("--check")).isEqualTo(InitNat.FORWARDING_ERROR);
  }

  @Test
  void planPrintsTheDifferenceToTheLiveTable() {
    run();
    out.reset();
    environment.put("VPN_SUBNET", "10.20.0.0/16");

    int exit = run("--plan");

    assertThat(exit).isZero();
    assertThat(applied).hasSize(1);
    assertThat(out())
        .isEqualTo(
            """
            - chain postrouting: ip saddr 10.10.10.0/24 oifname "eth0" masquerade
            + chain postrouting: ip saddr 10.20.0.0/16 oifname "eth0" masquerade
            """);
  }

  @Test
  void planSaysWhenNothingWouldChange() {
    run();
    out.reset();
    err.reset();

    int exit = run("--plan");

    assertThat(exit).isZero();
    assertThat(out()).isEmpty();
    assertThat(err()).endsWith(T + "table inet ocserv is already in place; nothing would change\n");
  }

  @Test
  void downRemovesTheTableAndIsIdempotent() {
    run();
    out.reset();

    int first = run("--down");
    int second = run("--down");

    assertThat(first).isZero();
    assertThat(second).isZero();
    assertThat(fake.listTable(OCSERV)).isEmpty();
    assertThat(host.sysctl("net.ipv4.ip_forward")).isEqualTo("1");
    assertThat(out())
        .isEqualTo(
            T
                + "removed table inet ocserv; the sysctls are left as they are, so while"
                + " forwarding is on the clients' traffic leaves unmasqueraded\n"
                + T
                + "table inet ocserv is not there; nothing to remove\n");
  }

  @Test
  void downNeedsNoWorkingSettings() {
    run();
    out.reset();
    environment.put("VPN_SUBNET", "nonsense");

    assertThat(run("--down")).isZero();
    assertThat(fake.listTable(OCSERV)).isEmpty();
  }

  @Test
  void aTableReadBackDifferentFromTheOneAppliedIsAnError() {
    readBack =
        Optional.of(NatRuleset.table(NatConfig.builder().mssClamp(Optional.empty()).build()));

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.TRANSACTION_FAILED);
    assertThat(err())
        .isEqualTo(
            T
                + "error: table inet ocserv as read back from the kernel is not the table applied;"
                + " another program may have changed it at the same moment, or nft lists a rule"
                + " differently\n"
                + T
                + "  + chain input: type filter hook input priority filter; policy accept\n"
                + T
                + "  + chain output: type filter hook output priority filter; policy accept\n"
                + T
                + "  + chain forward: iifname \"vpns*\" oifname \"eth0\" tcp flags syn tcp option"
                + " maxseg size set rt mtu\n"
                + T
                + "  + chain forward: iifname \"eth0\" oifname \"vpns*\" tcp flags syn tcp option"
                + " maxseg size set rt mtu\n"
                + T
                + "  ~ table inet ocserv: replaced whole, since not all of this can change in"
                + " place; its counters start again from zero\n");
  }

  @Test
  void aForeignChainThatDropsForwardedTrafficIsNamedAndLeftAlone() {
    Table docker =
        Table.builder(Family.IP, "filter")
            .chain(
                Chain.builder("FORWARD")
                    .base(
                        new BaseChain(ChainType.FILTER, Hook.FORWARD, Priority.FILTER, Policy.DROP))
                    .build())
            .build();
    fake.apply(Transaction.builder().add(docker).build());

    int exit = run();

    assertThat(exit).isZero();
    assertThat(fake.listTable(docker.ref())).contains(docker);
    assertThat(err())
        .isEqualTo(
            T
                + "warning: table ip filter has chain FORWARD on the forward hook with policy"
                + " drop: it drops the VPN clients' traffic unless one of its own rules accepts"
                + " it, whatever table inet ocserv allows; init-nat leaves other tables alone."
                + " Allow the traffic there, e.g.:\n"
                + T
                + "  nft insert rule ip filter FORWARD iifname \"vpns*\" oifname \"eth0\""
                + " accept\n"
                + T
                + "  nft insert rule ip filter FORWARD iifname \"eth0\" oifname \"vpns*\" ct state"
                + " established,related accept\n"
                + T
                + "  or, as iptables made this table: iptables -I FORWARD -i vpns+ -o eth0 -j"
                + " ACCEPT\n"
                + T
                + "  and: iptables -I FORWARD -i eth0 -o vpns+ -m conntrack --ctstate"
                + " ESTABLISHED,RELATED -j ACCEPT\n");
  }

  @Test
  void aRefusedTransactionReportsNftsText() {
    nftFailure =
        NftException.fromNftError(
            "Error: Could not process rule: Device or resource busy\n"
                + "table inet ocserv {\n"
                + "^^^^^^^^^^^^^^^^^\n"
                + "Error: Could not process rule: File exists\n"
                + "table inet ocserv {\n"
                + "^^^^^^^^^^^^^^^^^\n");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.TRANSACTION_FAILED);
    assertThat(err())
        .isEqualTo(
            T
                + "error: nftables refused the NAT table; nothing was changed: Could not process"
                + " rule: Device or resource busy (and 1 more)\n"
                + T
                + "  Could not process rule: File exists\n");
  }

  @Test
  void aMissingKernelFeatureHasItsOwnExitCode() {
    nftFailure =
        NftException.fromNftError("Error: Could not process rule: Operation not supported\n");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.MISSING_FEATURE);
    assertThat(err())
        .isEqualTo(
            T
                + "error: the kernel lacks a feature the NAT table needs: Could not process rule:"
                + " Operation not supported (the host kernel needs nf_tables, nf_nat,"
                + " nft_chain_nat and nft_masq; NAT in an inet table needs Linux 5.2 or later;"
                + " MSS_CLAMP=0 leaves out the MSS clamp)\n");
  }

  @Test
  void anUnknownBackendIsAConfigurationError() {
    environment.put("NFT_BACKEND", "iptables");

    int exit = run(NftBackends::open);

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .isEqualTo(
            T
                + "error: NFT_BACKEND: 'iptables' is not a backend: use auto, libnftables or nft"
                + " (example: libnftables)\n");
  }

  @Test
  void helpListsEveryVariableAndFlagWithItsDefault() {
    int exit = run("--help");

    assertThat(exit).isZero();
    assertThat(out()).isEqualTo(InitNat.usage());
    for (Variable variable : Variable.values()) {
      assertThat(out())
          .contains("  " + variable.name() + ", " + variable.flag() + "\n")
          .contains("      default: " + variable.defaultText() + "\n");
    }
    assertThat(out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
  }

  @Test
  void versionPrintsTheVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out()).isEqualTo("init-nat (development build)\n");
  }

  @Test
  void wildcardTunnelsGetARuleEach() {
    environment.put("VPN_IF", "vpns+ tun*");

    assertThat(run()).isZero();
    assertThat(live())
        .contains("\t\tiifname \"vpns*\" oifname \"eth0\" accept\n")
        .contains("\t\tiifname \"tun*\" oifname \"eth0\" accept\n");
    assertThat(InterfaceName.prefix("tun").keyword()).isEqualTo("tun*");
  }

  @Test
  void aSysctlRefusedForWantOfPrivilegeNamesTheCapabilityToo() {
    host.unprivileged("net.ipv4.ip_forward");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.FORWARDING_ERROR);
    assertThat(err())
        .isEqualTo(
            T
                + "error: net.ipv4.ip_forward is 0 and cannot be set to 1 (operation not"
                + " permitted); start the container with --sysctl net.ipv4.ip_forward=1, or give"
                + " it NET_ADMIN (--cap-add NET_ADMIN)\n");
  }

  @Test
  void anUnusableOcservConfIsOnlyAWarningWhenEverythingItGivesIsSet() {
    ocservConf("ipv4-network = @VPNNET@\n");
    environment.put("VPN_SUBNET", "10.10.10.0/24");
    environment.put("VPN_IF", "vpns+");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err())
        .isEqualTo(
            T
                + "warning: "
                + host.ocservConfig()
                + ":1: ipv4-network '@VPNNET@' is not an IPv4 address or prefix (example:"
                + " ipv4-network = 192.168.1.0/24); every setting ocserv.conf would give is set, so"
                + " init-nat goes on without it\n");
  }

  @Test
  void anUnusableOcservConfIsAnErrorWhenASettingComesFromIt() {
    ocservConf("ipv4-network = @VPNNET@\n");

    assertThat(run()).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err()).contains(":1: ipv4-network '@VPNNET@' is not an IPv4 address or prefix");
  }

  @Test
  void anIpv6SubnetThatIsNotMasqueradedIsNotComparedWithOcservs() {
    ocservConf("ipv6-network = fd00:1::/64\n");
    environment.put("IPV6_SUBNET", "fd00:2::/64");

    assertThat(run()).isZero();
    assertThat(err()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "NFT_BACKEND=iptables| --dry-run| NFT_BACKEND: 'iptables' is not a backend: use auto,"
            + " libnftables or nft (example: libnftables)",
        "X=1| --dry-run --nft-backend=iptables| --nft-backend: 'iptables' is not a backend: use"
            + " auto, libnftables or nft (example: libnftables)",
      })
  void aBadBackendIsRefusedEvenInADryRun(String variable, String args, String message) {
    String[] assignment = variable.split("=");
    environment.put(assignment[0], assignment[1]);

    int exit = run(args.split(" "));

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err()).isEqualTo(T + "error: " + message + "\n");
  }

  @Test
  void aSuggestionUsesTheFlagWhenTheSettingCameAsOne() {
    ocservConf("ipv4-network = 192.168.1.0/24\n");

    int exit = run("--ipv6-nat=1");

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err()).endsWith("IPV6_SUBNET=fda9:4efe:7e3b:3ea::/64, or --ipv6-nat=0)\n");
  }

  @Test
  void checkWarnsAboutAForeignDropChainToo() {
    fake.apply(
        Transaction.builder()
            .add(
                Table.builder(Family.IP6, "filter")
                    .chain(
                        Chain.builder("FORWARD")
                            .base(
                                new BaseChain(
                                    ChainType.FILTER, Hook.FORWARD, Priority.FILTER, Policy.DROP))
                            .build())
                    .chain(Chain.builder("DOCKER-USER").build())
                    .build())
            .build());

    int exit = run("--check");

    assertThat(exit).isZero();
    assertThat(err())
        .contains(
            "warning: table ip6 filter has chain FORWARD on the forward hook with policy drop")
        .endsWith(
            T
                + "  or, as iptables made this table: ip6tables -I DOCKER-USER -i vpns+ -o eth0 -j"
                + " ACCEPT\n"
                + T
                + "  and: ip6tables -I DOCKER-USER -i eth0 -o vpns+ -m conntrack --ctstate"
                + " ESTABLISHED,RELATED -j ACCEPT\n");
  }

  @Test
  void withForwardingAlreadyOnAcceptRaIsLeftAsTheHostHasIt() {
    host.sysctl("net.ipv4.ip_forward", "1").sysctl("net.ipv6.conf.all.forwarding", "1");
    host.sysctl("net.ipv6.conf.eth0.accept_ra", "1").readOnly("net.ipv6.conf.eth0.accept_ra");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(host.sysctl("net.ipv6.conf.eth0.accept_ra")).isEqualTo("1");
  }

  @Test
  void anUplinkWithIpv6DisabledKeepsItsAcceptRa() {
    host.sysctl("net.ipv6.conf.eth0.accept_ra", "1").sysctl("net.ipv6.conf.eth0.disable_ipv6", "1");

    assertThat(run()).isZero();
    assertThat(host.sysctl("net.ipv6.conf.eth0.accept_ra")).isEqualTo("1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "575| uplink MTU 575 (eth0); the server's own SYNs are clamped as for 576| 536| 536",
        "65536| uplink MTU 65536 (eth0); the server's own SYNs are clamped as for 65535| 65495|"
            + " 65475",
        "9000| uplink MTU 9000 (eth0)| 8960| 8940",
      })
  void anUplinkMtuOutsideWhatTcpTakesIsClampedToIt(
      int mtu, String note, String ipv4Size, String ipv6Size) {
    host.link("eth0", mtu);

    int exit = run();

    assertThat(exit).isZero();
    assertThat(out()).contains(T + note + "\n");
    assertThat(live())
        .contains(
            "oifname \"eth0\" meta nfproto ipv4 tcp flags syn tcp option maxseg size set "
                + ipv4Size
                + "\n")
        .contains(
            "oifname \"eth0\" meta nfproto ipv6 tcp flags syn tcp option maxseg size set "
                + ipv6Size
                + "\n");
  }

  @ParameterizedTest
  @CsvSource({"*, 0201", "eth0, 0201"})
  void aBlackholeDefaultRouteIsNoUplink(String device, String flags) {
    host.noDefaultRoute().route(device, "00000000", flags, 0);

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err())
        .startsWith(T + "warning: WAN_IF=eth0: no IPv4 default route; eth0 exists and is taken");
  }

  @Test
  void twoModesAreNamedByTheirFlags() {
    assertThat(run("--help", "--dry-run")).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .isEqualTo(T + "error: --dry-run and --help cannot be used together; choose one mode\n");
  }

  @Test
  void aScriptThatCannotBeWrittenIsAnError() {
    InitNatLog log =
        new InitNatLog(
            new PrintStream(OutputStream.nullOutputStream()) {
              @Override
              public boolean checkError() {
                return true;
              }
            },
            new PrintStream(err, true, StandardCharsets.UTF_8),
            CLOCK);

    int exit = new InitNat(environment, host.host(), this::backend, log).run("--dry-run");

    assertThat(exit).isEqualTo(InitNat.UNEXPECTED);
    assertThat(err())
        .endsWith(
            T
                + "error: standard output cannot be written (a full disk or a closed pipe?); what"
                + " init-nat printed there is lost; nothing was changed\n");
  }

  @Test
  void aDormantTableIsNotInPlace() {
    Table dormant =
        NatRuleset.table(NatConfig.defaults()).toBuilder().flags(TableFlag.DORMANT).build();
    fake.apply(Transaction.builder().add(dormant).build());

    int exit = run();

    assertThat(exit).isZero();
    assertThat(out()).contains(T + "replaced table inet ocserv");
    assertThat(live()).doesNotContain("dormant");
  }

  @Test
  void aBackendThatCannotListFailsBeforeAnySysctlIsWritten() {
    NftBackend broken =
        new NftBackend() {
          @Override
          public void apply(Transaction transaction) {
            throw new AssertionError("applied");
          }

          @Override
          public void check(Transaction transaction) {}

          @Override
          public List<Table> listRuleset() {
            return NftJsonReader.ruleset("");
          }

          @Override
          public Optional<Table> listTable(TableRef table) {
            return NftJsonReader.table("hello", table.family(), table.name());
          }
        };

    int exit = run(env -> broken);

    assertThat(exit).isEqualTo(InitNat.MISSING_FEATURE);
    assertThat(host.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(err())
        .isEqualTo(
            T
                + "error: nftables answered a listing with what is not libnftables JSON: listing:"
                + " 'hello' is not JSON (Unrecognized token 'hello': was expecting (JSON String,"
                + " Number, Array, Object or token 'null', 'true' or 'false')); is NFT_EXECUTABLE"
                + " nft?\n");
  }

  @Test
  void anUnusableIpv6NetworkOnlyMattersToIpv6Nat() {
    ocservConf("ipv4-network = 192.168.1.0/24\nipv6-network = fe80::\nipv6-prefix = 64\n");

    int withoutIpv6Nat = run();
    String warnings = err();
    err.reset();
    environment.put("IPV6_NAT", "1");
    int withIpv6Nat = run();

    String conf = host.ocservConfig().toString();
    assertThat(withoutIpv6Nat).isZero();
    assertThat(warnings)
        .isEqualTo(
            T
                + "warning: "
                + conf
                + ":2: ipv6-network 'fe80::' overlaps the link-local block fe80::/10; the kernel"
                + " never forwards those addresses, so they cannot be masqueraded (example:"
                + " ipv6-network = fda9:4efe:7e3b:3ea::/64); IPV6_NAT is 0, so init-nat goes on"
                + " without ocserv.conf's IPv6 networks\n");
    assertThat(withIpv6Nat).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err()).contains("error: " + conf + ":2: ipv6-network 'fe80::' overlaps");
  }

  @Test
  void aForeignDropChainThatAcceptsTheVpnsTrafficIsOnlyNoted() {
    Chain ours = NatRuleset.table(NatConfig.defaults()).chain("forward").orElseThrow();
    Chain.Builder user = Chain.builder("DOCKER-USER");
    for (Rule rule : ours.rules().subList(2, 4)) {
      List<Statement> counted = new ArrayList<>(rule.statements());
      counted.add(0, Counter.anonymous());
      user.rule(Rule.of(counted));
    }
    Table docker =
        Table.builder(Family.IP, "filter")
            .chain(
                Chain.builder("FORWARD")
                    .base(
                        new BaseChain(ChainType.FILTER, Hook.FORWARD, Priority.FILTER, Policy.DROP))
                    .rule(Rule.of(Verdict.jump("DOCKER-USER")))
                    .build())
            .chain(user.build())
            .build();
    fake.apply(Transaction.builder().add(docker).build());

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err()).isEmpty();
    assertThat(out())
        .endsWith(
            T
                + "table ip filter has chain FORWARD on the forward hook with policy drop, and has"
                + " rules that accept the VPN clients' traffic (init-nat does not check what comes"
                + " before them)\n");
  }

  /**
   * Returns the VPN's accept rules as iptables-nft makes them from the warning's iptables advice:
   * the reply rule with the xtables match {@code match} for its states, from uplink {@code uplink}.
   */
  private static List<Rule> iptablesAdvice(String match, String uplink) {
    Statement xtables =
        new RawStatement("{\"xt\": {\"type\": \"match\", \"name\": \"" + match + "\"}}");
    return List.of(
        Rule.of(
            Match.iifname(InterfaceName.prefix("vpns")),
            Match.oifname(InterfaceName.exact("eth0")),
            Counter.anonymous(),
            Verdict.ACCEPT),
        Rule.of(
            Match.iifname(InterfaceName.exact(uplink)),
            Match.oifname(InterfaceName.prefix("vpns")),
            xtables,
            Counter.anonymous(),
            Verdict.ACCEPT));
  }

  /**
   * Returns a filter table of {@code family} as iptables-nft lists Docker's: policy drop on
   * FORWARD, which jumps to DOCKER-USER if {@code dockerUser}; with {@code rules} in {@code chain}.
   */
  private static Table iptablesFilter(
      Family family, boolean dockerUser, String chain, List<Rule> rules) {
    Chain.Builder forward =
        Chain.builder("FORWARD")
            .base(new BaseChain(ChainType.FILTER, Hook.FORWARD, Priority.FILTER, Policy.DROP));
    Table.Builder table = Table.builder(family, "filter");
    if (dockerUser) {
      forward.rule(Counter.anonymous(), Verdict.jump("DOCKER-USER"));
      Chain.Builder user = Chain.builder("DOCKER-USER");
      if (chain.equals("DOCKER-USER")) {
        rules.forEach(user::rule);
      }
      table.chain(user.rule(Counter.anonymous(), Verdict.RETURN).build());
    }
    if (chain.equals("FORWARD")) {
      rules.forEach(forward::rule);
    }
    return table.chain(forward.build()).build();
  }

  @ParameterizedTest
  @CsvSource({
    "IP,  true,  DOCKER-USER, conntrack, iptables",
    // Ahead of the jump to DOCKER-USER, as some guides put them.
    "IP,  true,  FORWARD,     conntrack, iptables",
    "IP,  false, FORWARD,     conntrack, iptables",
    "IP6, true,  DOCKER-USER, state,     ip6tables",
  })
  void aReplyRuleThatIptablesMadeFromTheAdviceIsNotedWithItsStatesUnread(
      Family family, boolean dockerUser, String chain, String match, String command) {
    Table filter = iptablesFilter(family, dockerUser, chain, iptablesAdvice(match, "eth0"));
    fake.apply(Transaction.builder().add(filter).build());

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err()).isEmpty();
    assertThat(out())
        .endsWith(
            T
                + "table "
                + family.keyword()
                + " filter has chain FORWARD on the forward hook with policy drop, and has rules"
                + " that accept the VPN clients' traffic (init-nat does not check what comes"
                + " before them, nor which states the reply rule's iptables match "
                + match
                + " in "
                + chain
                + " takes: nft lists it without them; "
                + command
                + " -S "
                + chain
                + " shows them)\n");
  }

  @ParameterizedTest
  @CsvSource({
    // Another xtables match, whose meaning cannot be read either.
    "DOCKER-USER, addrtype,  eth0, 2",
    // Replies from an uplink other than the one masqueraded.
    "DOCKER-USER, conntrack, eth1, 2",
    // The reply rule alone.
    "DOCKER-USER, conntrack, eth0, 1",
  })
  void aReplyRuleUnlikeTheIptablesAdviceLeavesTheWarning(
      String chain, String match, String uplink, int rules) {
    List<Rule> advice = iptablesAdvice(match, uplink);
    List<Rule> present = advice.subList(advice.size() - rules, advice.size());
    fake.apply(Transaction.builder().add(iptablesFilter(Family.IP, true, chain, present)).build());

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err())
        .startsWith(
            T
                + "warning: table ip filter has chain FORWARD on the forward hook with policy"
                + " drop: it drops the VPN clients' traffic unless one of its own rules accepts"
                + " it")
        .endsWith(
            T
                // Where the rule that lets the tunnels out is there, only the reply rule is
                // advised.
                + (rules == 2 ? "  or, as iptables made this table: " : "  and: ")
                + "iptables -I DOCKER-USER -i eth0 -o vpns+ -m conntrack --ctstate"
                + " ESTABLISHED,RELATED -j ACCEPT\n");
  }

  @Test
  void onlyTheRuleThatIsMissingIsAdvised() {
    // The rule that lets the tunnels out is there, as nft advice makes it; the reply rule is not.
    List<Rule> out =
        List.of(
            Rule.of(
                Match.iifname(InterfaceName.prefix("vpns")),
                Match.oifname(InterfaceName.exact("eth0")),
                Verdict.ACCEPT));
    fake.apply(
        Transaction.builder().add(iptablesFilter(Family.IP, true, "DOCKER-USER", out)).build());

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err())
        .endsWith(
            " Allow the traffic there, e.g.:\n"
                + T
                + "  nft insert rule ip filter DOCKER-USER iifname \"eth0\" oifname \"vpns*\" ct"
                + " state established,related accept\n"
                + T
                + "  or, as iptables made this table: iptables -I DOCKER-USER -i eth0 -o vpns+ -m"
                + " conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n");
  }

  @Test
  void aFilterTableOfIptablesLegacyIsWarnedAbout() throws IOException {
    Files.createDirectories(root.resolve("proc/net"));
    Files.writeString(root.resolve("proc/net/ip_tables_names"), "nat\nfilter\n");
    Files.writeString(root.resolve("proc/net/ip6_tables_names"), "mangle\n");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err())
        .isEqualTo(
            T
                + "warning: iptables-legacy has table filter in this network namespace, which nft"
                + " cannot list: if its FORWARD chain drops forwarded traffic, clients get no"
                + " internet, and init-nat cannot tell (check with iptables-legacy -S FORWARD)\n");
  }

  @Test
  void subnetsThatCoverOcservsNetworkTogetherAreNotWarnedAbout() {
    ocservConf("ipv4-network = 10.0.0.0/23\n");
    environment.put("VPN_SUBNET", "10.0.0.0/24 10.0.1.0/24");

    assertThat(run()).isZero();
    assertThat(err()).isEmpty();
  }

  @Test
  void anUplinkThatIsOcservsDeviceNamesTheLine() {
    ocservConf("device = eth\nipv4-network = 10.0.0.0/24\n");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .isEqualTo(
            T
                + "error: VPN_IF: 'eth*' ("
                + host.ocservConfig()
                + ":1) matches interfaces that WAN_IF 'eth0' (the interface of the IPv4 default"
                + " route) matches too; the uplink and the tunnel interfaces must be different"
                + " (change device in ocserv.conf, or set VPN_IF, e.g. VPN_IF=vpns+)\n");
  }

  @Test
  void aSetUplinkThatIsOcservsDeviceIsNamedFirst() {
    ocservConf("device = eth\nipv4-network = 10.0.0.0/24\n");
    environment.put("WAN_IF", "eth0");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .isEqualTo(
            T
                + "error: WAN_IF: 'eth0' matches interfaces that VPN_IF 'eth*' ("
                + host.ocservConfig()
                + ":1) matches too; the uplink and the tunnel interfaces must be different"
                + " (change device in ocserv.conf, or set VPN_IF, e.g. VPN_IF=vpns+)\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "VPN_IF| eth+| | VPN_IF: 'eth*' matches interfaces that WAN_IF 'eth0' (the interface of the"
            + " IPv4 default route) matches too; the uplink and the tunnel interfaces must be"
            + " different (set VPN_IF to the tunnels only, e.g. VPN_IF=vpns+)",
        "--vpn-if| vpns+ eth0| | --vpn-if: 'eth0' matches interfaces that WAN_IF 'eth0' (the"
            + " interface of the IPv4 default route) matches too; the uplink and the tunnel"
            + " interfaces must be different (set --vpn-if to the tunnels only, e.g."
            + " --vpn-if=vpns+)",
        "VPN_IF| eth+| eth0| WAN_IF: 'eth0' matches interfaces that VPN_IF 'eth*' matches"
            + " too; the uplink and the tunnel interfaces must be different (example: WAN_IF=eth0"
            + " VPN_IF=vpns+)",
      })
  void aTunnelPatternThatMatchesTheDetectedUplinkNamesTheSettingGiven(
      String setting, String tunnels, String uplink, String message) {
    List<String> args = new ArrayList<>();
    if (setting.startsWith("--")) {
      args.add(setting + "=" + tunnels);
    } else {
      environment.put(setting, tunnels);
    }
    if (uplink != null) {
      environment.put("WAN_IF", uplink);
    }

    int exit = run(args.toArray(String[]::new));

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(opened).isFalse();
    assertThat(err()).isEqualTo(T + "error: " + message + "\n");
  }

  @Test
  void aDetectedUplinkThatTheDefaultTunnelsMatchSaysWhereItCameFrom() {
    host.link("vpns0", 1500).noDefaultRoute().defaultRoute("vpns0", "00000000", 0);

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .isEqualTo(
            T
                + "error: WAN_IF: 'vpns0' (the interface of the IPv4 default route) matches"
                + " interfaces that VPN_IF 'vpns*' matches too; the uplink and the tunnel"
                + " interfaces must be different (example: WAN_IF=eth0 VPN_IF=vpns+)\n");
  }

  @Test
  void aTunnelPatternThatMatchesTheFallbackUplinkSaysItWasTaken() {
    host.noDefaultRoute();
    environment.put("VPN_IF", "eth+");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .isEqualTo(
            T
                + "error: VPN_IF: 'eth*' matches interfaces that WAN_IF 'eth0' (taken for want of"
                + " an IPv4 default route) matches too; the uplink and the tunnel interfaces must"
                + " be different (set VPN_IF to the tunnels only, e.g. VPN_IF=vpns+)\n");
  }

  @Test
  void ipv6NatWithoutAnIpv6DefaultRouteIsWarnedAbout() {
    host.kernelIpv6();
    environment.put("IPV6_NAT", "1");
    host.ipv6DefaultRoute(null);

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err())
        .isEqualTo(
            T
                + "warning: IPV6_NAT=1 but there is no IPv6 default route: the clients' IPv6 is"
                + " masqueraded, but the gateway has nowhere to send it, so it gets no answer"
                + " (give the uplink an IPv6 default route, or lease no IPv6 to clients: no"
                + " ipv6-network in ocserv.conf)\n");
  }

  @Test
  void ipv6NatWithTheIpv6DefaultRouteByAnotherInterfaceIsWarnedAbout() {
    host.kernelIpv6();
    environment.put("IPV6_NAT", "1");
    host.link("eth1", 1500).ipv6DefaultRoute("eth1");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(err())
        .isEqualTo(
            T
                + "warning: IPV6_NAT=1 but the IPv6 default route leaves by eth1, which WAN_IF=eth0"
                + " does not match: the clients' IPv6 leaves there unmasqueraded, so it gets no"
                + " answer (add eth1 to WAN_IF, or route IPv6 by the uplink)\n");
  }

  @Test
  void ipv6NatWithAnIpv6DefaultRouteIsQuiet() {
    host.kernelIpv6();
    environment.put("IPV6_NAT", "1");

    assertThat(run()).isZero();
    assertThat(err()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "fda9:4efe:7e3b:3ea::/64, true",
    // A documentation prefix stands for a global one, which the internet routes to its owner.
    "2001:db8:1::/64,         false",
  })
  void unmasqueradedUniqueLocalAddressesAreNoted(String network, boolean noted) {
    host.kernelIpv6();
    ocservConf("ipv4-network = 10.10.10.0/24\nipv6-network = " + network + "\n");

    assertThat(run()).isZero();
    assertThat(err()).isEmpty();
    String note =
        "IPV6_SUBNET="
            + network
            + " is unique local and IPV6_NAT=0: the clients' IPv6 leaves with these addresses,"
            + " which the internet does not route back, so it reaches only networks that route"
            + " them to this gateway (set IPV6_NAT=1 to masquerade it)\n";
    if (noted) {
      assertThat(out()).contains(T + note);
    } else {
      assertThat(out()).doesNotContain("unique local");
    }
  }

  @Test
  void aMaskedIpv6SysctlFolderIsNotTakenForAKernelWithoutIpv6() {
    host.withoutIpv6();
    host.kernelIpv6();
    environment.put("IPV6_NAT", "1");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .isEqualTo(
            T
                + "error: IPV6_NAT: '1' but /proc/sys/net/ipv6 is missing though the kernel has"
                + " IPv6 (is it masked?), so IPv6 forwarding cannot be checked (unmask it, or set"
                + " IPV6_NAT=0)\n");
  }

  @Test
  void everySysctlThatCannotBeSetIsNamedInOneRun() {
    host.sysctl("net.ipv6.conf.eth0.accept_ra", "1");
    host.readOnly("net.ipv4.ip_forward")
        .readOnly("net.ipv6.conf.eth0.accept_ra")
        .readOnly("net.ipv6.conf.all.forwarding");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.FORWARDING_ERROR);
    assertThat(err().lines().map(line -> line.replaceFirst(" and cannot be set.*", "")))
        .containsExactly(
            T + "error: net.ipv4.ip_forward is 0",
            T + "error: net.ipv6.conf.eth0.accept_ra is 1",
            T + "error: net.ipv6.conf.all.forwarding is 0");
  }

  @Test
  void virtualHostsThatShareOrNestPoolsAreNotWarnedAbout() {
    ocservConf(
        "ipv4-network = 10.0.0.0/16\n[vhost:a]\nipv4-network = 10.0.1.0/24\n"
            + "[vhost:b]\nipv4-network = 10.0.0.0/16\n");

    assertThat(run()).isZero();
    assertThat(err()).isEmpty();
    assertThat(live()).contains("\t\tip saddr 10.0.0.0/16 oifname \"eth0\" masquerade\n");
  }
}
