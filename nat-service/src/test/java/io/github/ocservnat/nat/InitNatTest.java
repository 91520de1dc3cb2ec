package io.github.ocservnat.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.nft.model.NftException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitNatTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T08:09:10Z"), ZoneOffset.UTC);

  @TempDir Path procSys;

  private final Map<String, String> environment = new HashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> scripts = new ArrayList<>();
  private NftException nftFailure;
  private boolean opened;

  @BeforeEach
  void kernelWithForwardingOff() throws IOException {
    sysctl("net/ipv4/ip_forward", "0");
    sysctl("net/ipv6/conf/all/forwarding", "0");
  }

  private void sysctl(String path, String value) throws IOException {
    Path file = procSys.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, value + "\n");
  }

  private String sysctl(String path) throws IOException {
    return Files.readString(procSys.resolve(path)).strip();
  }

  private int run(String... args) {
    return new InitNat(environment, new Sysctls(procSys), this::recorder, log()).run(args);
  }

  private InitNatLog log() {
    return new InitNatLog(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        CLOCK);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void defaultsSwitchOnForwardingAndReplaceTheTable() throws IOException {
    int exit = run();

    assertThat(exit).isZero();
    assertThat(sysctl("net/ipv4/ip_forward")).isEqualTo("1");
    assertThat(sysctl("net/ipv6/conf/all/forwarding")).isEqualTo("1");
    assertThat(scripts).containsExactly(NatRuleset.replace(NatConfig.defaults()).toString());
    assertThat(out())
        .isEqualTo(
            """
            2026-12-03 08:09:10 [INIT-NAT] VPN_SUBNET=10.10.10.0/24 WAN_IF=eth0 VPN_IF=vpns* \
            IPV6_FORWARD=1 IPV6_NAT=0 IPV6_SUBNET=fda9:4efe:7e3b:3ea::/64
            2026-12-03 08:09:10 [INIT-NAT] set net.ipv4.ip_forward to 1 (was 0)
            2026-12-03 08:09:10 [INIT-NAT] set net.ipv6.conf.all.forwarding to 1 (was 0)
            2026-12-03 08:09:10 [INIT-NAT] applied table inet ocserv \
            (forward: 2 rules, postrouting: 1 rule)
            """);
    assertThat(err()).isEmpty();
  }

  @Test
  void forwardingAlreadyOnIsLeftAlone() throws IOException {
    sysctl("net/ipv4/ip_forward", "1");
    sysctl("net/ipv6/conf/all/forwarding", "1");
    List<String> writes = new ArrayList<>();
    Sysctls recording =
        new Sysctls(procSys) {
          @Override
          void write(String key, String value) throws IOException {
            writes.add(key);
            super.write(key, value);
          }
        };

    int exit = new InitNat(environment, recording, this::recorder, log()).run();

    assertThat(exit).isZero();
    assertThat(writes).isEmpty();
    assertThat(out())
        .contains("[INIT-NAT] net.ipv4.ip_forward is already 1\n")
        .contains("[INIT-NAT] net.ipv6.conf.all.forwarding is already 1\n");
  }

  @Test
  void ipv6ForwardOffLeavesIpv6Alone() throws IOException {
    environment.put("IPV6_FORWARD", "0");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(sysctl("net/ipv6/conf/all/forwarding")).isEqualTo("0");
    assertThat(out()).contains("[INIT-NAT] IPV6_FORWARD=0: leaving net.ipv6.conf.all.forwarding");
  }

  @Test
  void namespaceWithoutIpv6IsSkipped() throws IOException {
    Files.delete(procSys.resolve("net/ipv6/conf/all/forwarding"));

    int exit = run();

    assertThat(exit).isZero();
    assertThat(out())
        .contains(
            "[INIT-NAT] IPv6 is disabled in this network namespace; skipping"
                + " net.ipv6.conf.all.forwarding\n");
  }

  @Test
  void ipv6NatAddsTheIpv6Masquerade() {
    environment.put("IPV6_NAT", "1");
    environment.put("IPV6_SUBNET", "2001:db8:10::/64");

    int exit = run();

    assertThat(exit).isZero();
    assertThat(scripts.get(0))
        .contains("\t\tip6 saddr 2001:db8:10::/64 oifname \"eth0\" masquerade\n");
    assertThat(out()).contains("(forward: 2 rules, postrouting: 2 rules)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "VPN_SUBNET| fda9::/64",
        "VPN_SUBNET| ''",
        "IPV6_SUBNET| nonsense",
        "WAN_IF| eth/0",
        "VPN_IF| ''",
        "IPV6_NAT| on",
      })
  void badConfigurationChangesNothing(String variable, String value) throws IOException {
    environment.put(variable, value);

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(opened).isFalse();
    assertThat(scripts).isEmpty();
    assertThat(sysctl("net/ipv4/ip_forward")).isEqualTo("0");
    assertThat(sysctl("net/ipv6/conf/all/forwarding")).isEqualTo("0");
    assertThat(out()).isEmpty();
    assertThat(err()).startsWith("2026-12-03 08:09:10 [INIT-NAT] error: " + variable + ": '");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void ipv6NatWithoutIpv6ForwardingIsAConfigurationError() throws IOException {
    environment.put("IPV6_NAT", "1");
    environment.put("IPV6_FORWARD", "0");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(scripts).isEmpty();
    assertThat(sysctl("net/ipv4/ip_forward")).isEqualTo("0");
    assertThat(err())
        .endsWith(
            "[INIT-NAT] error: IPV6_NAT: '1' but IPV6_FORWARD=0 and net.ipv6.conf.all.forwarding"
                + " is 0, so no IPv6 traffic is forwarded to masquerade (set IPV6_FORWARD=1)\n");
  }

  @Test
  void ipv6NatWithForwardingAlreadyOnIsFine() throws IOException {
    environment.put("IPV6_NAT", "1");
    environment.put("IPV6_FORWARD", "0");
    sysctl("net/ipv6/conf/all/forwarding", "1");

    assertThat(run()).isZero();
  }

  @Test
  void ipv6NatWithoutIpv6IsAConfigurationError() throws IOException {
    environment.put("IPV6_NAT", "1");
    Files.delete(procSys.resolve("net/ipv6/conf/all/forwarding"));

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(sysctl("net/ipv4/ip_forward")).isEqualTo("0");
    assertThat(err())
        .endsWith(
            "[INIT-NAT] error: IPV6_NAT: '1' but IPv6 is disabled in this network namespace, so"
                + " there is no IPv6 traffic to masquerade (set IPV6_NAT=0, or enable IPv6 in the"
                + " container)\n");
  }

  @Test
  void readOnlyIpv6SysctlChangesNothingAtAll() throws IOException {
    Sysctls ipv6ReadOnly =
        new Sysctls(procSys) {
          @Override
          void checkWritable(String key) throws IOException {
            if (key.startsWith("net.ipv6")) {
              throw new FileSystemException(path(key).toString(), null, "Read-only file system");
            }
          }
        };

    int exit = new InitNat(environment, ipv6ReadOnly, this::recorder, log()).run();

    assertThat(exit).isEqualTo(InitNat.FORWARDING_ERROR);
    assertThat(sysctl("net/ipv4/ip_forward")).isEqualTo("0");
    assertThat(err())
        .isEqualTo(
            "2026-12-03 08:09:10 [INIT-NAT] error: net.ipv6.conf.all.forwarding is 0 and cannot be"
                + " set to 1 (read-only file system); start the container with --sysctl"
                + " net.ipv6.conf.all.forwarding=1, or set IPV6_FORWARD=0 if the VPN is"
                + " IPv4-only\n");
  }

  @Test
  void unwritableSysctlSaysWhichContainerOptionToAdd() throws IOException {
    sysctl("net/ipv4/ip_forward", "0");
    Sysctls readOnly =
        new Sysctls(procSys) {
          @Override
          void checkWritable(String key) throws IOException {
            throw new FileSystemException(path(key).toString(), null, "Read-only file system");
          }
        };
    int exit = new InitNat(environment, readOnly, this::recorder, log()).run();

    assertThat(exit).isEqualTo(InitNat.FORWARDING_ERROR);
    assertThat(scripts).isEmpty();
    assertThat(err())
        .isEqualTo(
            "2026-12-03 08:09:10 [INIT-NAT] error: net.ipv4.ip_forward is 0 and cannot be set to 1"
                + " (read-only file system); start the container with --sysctl"
                + " net.ipv4.ip_forward=1\n");
  }

  /** Opens a runner that records each script, or fails with {@link #nftFailure} if set. */
  private NftRunner recorder() {
    opened = true;
    return new NftRunner() {
      @Override
      public String run(String script) {
        if (nftFailure != null) {
          throw nftFailure;
        }
        scripts.add(script);
        return "";
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void refusedTransactionReportsNftsText() {
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
            """
            2026-12-03 08:09:10 [INIT-NAT] error: nftables refused the NAT table; the table was \
            not changed: Could not process rule: Device or resource busy (and 1 more)
            2026-12-03 08:09:10 [INIT-NAT]   Could not process rule: File exists
            """);
  }

  @Test
  void missingKernelFeatureHasItsOwnExitCode() {
    nftFailure =
        NftException.fromNftError("Error: Could not process rule: Operation not supported\n");

    int exit = run();

    assertThat(exit).isEqualTo(InitNat.MISSING_FEATURE);
    assertThat(err())
        .startsWith(
            "2026-12-03 08:09:10 [INIT-NAT] error: the kernel lacks a feature the NAT table needs:"
                + " Could not process rule: Operation not supported (the host kernel needs"
                + " nf_tables, nf_nat and nft_masq; NAT in an inet table needs Linux 5.2 or"
                + " later)\n");
  }

  @Test
  void unknownBackendIsAConfigurationError() {
    environment.put("NFT_BACKEND", "iptables");

    int exit =
        new InitNat(environment, new Sysctls(procSys), () -> NftRunner.open(environment), log())
            .run();

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(err())
        .isEqualTo(
            "2026-12-03 08:09:10 [INIT-NAT] error: NFT_BACKEND: 'iptables' is not a backend: use"
                + " auto, libnftables or nft (example: libnftables)\n");
  }

  @Test
  void unknownArgumentIsAConfigurationError() {
    int exit = run("--frobnicate");

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(opened).isFalse();
    assertThat(err())
        .isEqualTo(
            "2026-12-03 08:09:10 [INIT-NAT] error: unknown argument '--frobnicate' (usage:"
                + " init-nat [--help | --version])\n");
  }

  @Test
  void moreThanOneArgumentIsAConfigurationError() {
    int exit = run("--help", "--bogus");

    assertThat(exit).isEqualTo(InitNat.CONFIG_ERROR);
    assertThat(out()).isEmpty();
    assertThat(err())
        .isEqualTo(
            "2026-12-03 08:09:10 [INIT-NAT] error: init-nat takes at most one argument, got 2:"
                + " '--help' '--bogus' (usage: init-nat [--help | --version])\n");
  }

  @Test
  void helpListsEveryVariableWithItsDefault() {
    int exit = run("--help");

    assertThat(exit).isZero();
    assertThat(out())
        .isEqualTo(InitNat.usage())
        .contains("VPN_SUBNET=10.10.10.0/24")
        .contains("WAN_IF=eth0")
        .contains("VPN_IF=vpns+")
        .contains("IPV6_FORWARD=1")
        .contains("IPV6_NAT=0")
        .contains("IPV6_SUBNET=fda9:4efe:7e3b:03ea::/64");
  }
}
