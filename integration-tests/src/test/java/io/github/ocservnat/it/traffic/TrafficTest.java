package io.github.ocservnat.it.traffic;

import static io.github.ocservnat.it.traffic.Topology.CLIENT_OUTSIDE_V4;
import static io.github.ocservnat.it.traffic.Topology.CLIENT_V4;
import static io.github.ocservnat.it.traffic.Topology.CLIENT_V6;
import static io.github.ocservnat.it.traffic.Topology.SERVER_V4;
import static io.github.ocservnat.it.traffic.Topology.SERVER_V6;
import static io.github.ocservnat.it.traffic.Topology.UPLINK_V4;
import static io.github.ocservnat.it.traffic.Topology.UPLINK_V6;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.it.Command;
import io.github.ocservnat.it.InitNatProcess;
import io.github.ocservnat.it.Jvm;
import io.github.ocservnat.it.KernelTest;
import io.github.ocservnat.nat.NatConfig;
import io.github.ocservnat.nat.NatRuleset;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.NftText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packets from a VPN client through a gateway that ran init-nat to a host on the internet: what
 * arrives there, from which source, and whether the answer comes back.
 */
@KernelTest
class TrafficTest {
  private static final String NO_ANSWER = "no answer: ";

  private Topology topology;

  @BeforeEach
  void createTopology() {
    topology = Topology.create();
  }

  @AfterEach
  void deleteTopology() {
    topology.close();
  }

  private void applyInitNat(Map<String, String> settings) {
    Command.Result result = topology.initNat(settings);
    assertThat(result.exit()).as(result.err()).isZero();
  }

  @Test
  void withoutInitNatNothingReachesTheInternet() {
    assertThat(topology.ping(SERVER_V4)).isFalse();
    assertThat(topology.connect(SERVER_V4)).startsWith(NO_ANSWER);
    assertThat(topology.witness().sources()).isEmpty();
  }

  @Test
  void icmpAndTcpLeaveWithTheUplinkAddressAndAreAnswered() {
    applyInitNat(Map.of());

    assertThat(topology.ping(SERVER_V4)).isTrue();
    assertThat(topology.connect(SERVER_V4)).isEqualTo("from " + UPLINK_V4);
    assertThat(topology.witness().sources())
        .containsExactly(UPLINK_V4 + " icmp", UPLINK_V4 + " tcp");
  }

  @Test
  void withIpv6NatIpv6LeavesWithTheUplinkAddressAndIsAnswered() {
    applyInitNat(Map.of("IPV6_NAT", "1"));

    assertThat(topology.ping(SERVER_V6)).isTrue();
    assertThat(topology.connect(SERVER_V6)).isEqualTo("from " + UPLINK_V6);
    assertThat(topology.ping(SERVER_V4)).isTrue();
    assertThat(topology.witness().sources())
        .containsExactly(UPLINK_V4 + " icmp", UPLINK_V6 + " ipv6-icmp", UPLINK_V6 + " tcp");
  }

  @Test
  void withoutIpv6NatIpv6IsForwardedWithTheClientsAddress() {
    applyInitNat(Map.of());

    // The internet has no route back to the VPN's unique local addresses.
    assertThat(topology.ping(SERVER_V6)).isFalse();
    assertThat(topology.connect(SERVER_V6)).startsWith(NO_ANSWER);
    assertThat(topology.witness().sources())
        .containsExactly(CLIENT_V6 + " ipv6-icmp", CLIENT_V6 + " tcp");
  }

  @Test
  void aSourceOutsideVpnSubnetIsNotMasqueraded() {
    applyInitNat(Map.of());

    assertThat(topology.pingFrom(CLIENT_OUTSIDE_V4, SERVER_V4)).isFalse();
    assertThat(topology.connectFrom(CLIENT_OUTSIDE_V4, SERVER_V4)).startsWith(NO_ANSWER);
    assertThat(topology.connectFrom(CLIENT_V4, SERVER_V4)).isEqualTo("from " + UPLINK_V4);
    assertThat(topology.witness().sources())
        .containsExactly(
            CLIENT_OUTSIDE_V4 + " icmp", CLIENT_OUTSIDE_V4 + " tcp", UPLINK_V4 + " tcp");
  }

  @Test
  void afterDownNothingIsMasqueradedUntilTheNextApply() {
    applyInitNat(Map.of());
    assertThat(topology.connect(SERVER_V4)).isEqualTo("from " + UPLINK_V4);

    Command.Result down = topology.initNat(Map.of(), "--down");
    assertThat(down.exit()).as(down.err()).isZero();
    topology.witness().forget();

    // Forwarding stays on, so the client's packets still leave, with their own source.
    assertThat(topology.ping(SERVER_V4)).isFalse();
    assertThat(topology.connect(SERVER_V4)).startsWith(NO_ANSWER);
    assertThat(topology.witness().sources())
        .containsExactly(CLIENT_V4 + " icmp", CLIENT_V4 + " tcp");

    applyInitNat(Map.of());
    topology.witness().forget();

    assertThat(topology.ping(SERVER_V4)).isTrue();
    assertThat(topology.connect(SERVER_V4)).isEqualTo("from " + UPLINK_V4);
    assertThat(topology.witness().sources())
        .containsExactly(UPLINK_V4 + " icmp", UPLINK_V4 + " tcp");
  }

  @Test
  void forwardedSynsAreClampedToTheUplinksMtu() {
    // The client's link has MTU 1500 and the uplink 1400: unclamped, the client offers an MSS the
    // uplink cannot carry in one packet.
    topology.gateway().exec("ip", "link", "set", "eth0", "mtu", "1400").check();
    topology.internet().exec("ip", "link", "set", "eth0", "mtu", "1400").check();

    applyInitNat(Map.of("IPV6_NAT", "1", "MSS_CLAMP", "0"));
    topology.connect(SERVER_V4);
    topology.connect(SERVER_V6);
    List<Integer> unclamped = topology.witness().synMss();
    topology.witness().forget();
    applyInitNat(Map.of("IPV6_NAT", "1"));
    topology.connect(SERVER_V4);
    topology.connect(SERVER_V6);

    assertThat(unclamped).containsExactly(1440, 1460);
    assertThat(topology.witness().synMss()).containsExactly(1340, 1360);
  }

  @ParameterizedTest
  @ValueSource(strings = {"libnftables", "nft"})
  void aReplacementTheKernelRefusesLeavesTheTableAndTheTraffic(String backend) {
    applyInitNat(Map.of());
    String before = topology.gateway().nft("-a", "list", "ruleset");

    Command.Result refused =
        topology
            .gateway()
            .exec(Jvm.command(RefusedReplacement.class, backend).toArray(String[]::new));

    assertThat(refused.check())
        .isEqualTo(
            "NOT_SUPPORTED: Could not process rule: Operation not supported (the input was"
                + " JSON, for which nft names no command) (and 5 more)\n");
    assertThat(topology.gateway().nft("-a", "list", "ruleset")).isEqualTo(before);
    assertThat(topology.ping(SERVER_V4)).isTrue();
    assertThat(topology.connect(SERVER_V4)).isEqualTo("from " + UPLINK_V4);
  }

  @Test
  void fourRunsAtOnceEndWithOneTable() throws InterruptedException, ExecutionException {
    NatConfig wide = NatConfig.builder().vpnSubnet(IpPrefix.parse("10.10.0.0/16")).build();
    // From nothing (with every sysctl still to set), to other settings, and back.
    List<Map<String, String>> rounds =
        List.of(Map.of(), Map.of("VPN_SUBNET", "10.10.0.0/16"), Map.of());
    List<NatConfig> expected = List.of(NatConfig.defaults(), wide, NatConfig.defaults());

    for (int round = 0; round < rounds.size(); round++) {
      List<Command.Result> results = initNatAtOnce(4, rounds.get(round));

      for (Command.Result result : results) {
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
      }
      assertThat(topology.gateway().nft("list", "ruleset"))
          .isEqualTo(NftText.table(NatRuleset.table(expected.get(round))));
    }
    assertThat(topology.connect(SERVER_V4)).isEqualTo("from " + UPLINK_V4);
  }

  /** Starts {@code runs} init-nat processes on the gateway at the same moment. */
  private List<Command.Result> initNatAtOnce(int runs, Map<String, String> settings)
      throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Command.Result>> futures = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return InitNatProcess.run(topology.gateway(), settings);
                }));
      }
      start.countDown();
      List<Command.Result> results = new ArrayList<>();
      for (Future<Command.Result> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
