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
import java.util.regex.Pattern;
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
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.nothingArrived());
  }

  @Test
  void icmpAndTcpLeaveWithTheUplinkAddressAndAreAnswered() {
    applyInitNat(Map.of());

    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
  }

  @Test
  void withIpv6NatIpv6LeavesWithTheUplinkAddressAndIsAnswered() {
    applyInitNat(Map.of("IPV6_NAT", "1"));

    assertThat(topology.exchange(SERVER_V6)).isEqualTo(Exchange.answeredFrom(UPLINK_V6));
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
  }

  @Test
  void withIpv6NatAndNoIpv6DefaultRouteTheWarningIsTrue() {
    topology.gateway().exec("ip", "-6", "route", "del", "default").check();

    Command.Result result = topology.initNat(Map.of("IPV6_NAT", "1"));

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(InitNatProcess.messages(result.err()))
        .isEqualTo(
            "warning: IPV6_NAT=1 but there is no IPv6 default route: the clients' IPv6 is"
                + " masqueraded, but the gateway has nowhere to send it, so it gets no answer (give"
                + " the uplink an IPv6 default route, or lease no IPv6 to clients: no ipv6-network"
                + " in ocserv.conf)\n");
    assertThat(topology.exchange(SERVER_V6)).isEqualTo(Exchange.nothingArrived());
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
  }

  @Test
  void withoutIpv6NatIpv6IsForwardedWithTheClientsAddress() {
    applyInitNat(Map.of());

    // The internet has no route back to the VPN's unique local addresses.
    assertThat(topology.exchange(SERVER_V6)).isEqualTo(Exchange.unansweredFrom(CLIENT_V6));
  }

  @Test
  void aSourceOutsideVpnSubnetIsNotMasqueraded() {
    // The client's second network is routed to it, and to the gateway from the internet, as a
    // site's own public network would be: its traffic is answered without a masquerade.
    topology.gateway().exec("ip", "route", "add", "10.99.0.0/24", "via", CLIENT_V4).check();
    topology.internet().exec("ip", "route", "add", "10.99.0.0/24", "via", UPLINK_V4).check();
    applyInitNat(Map.of());

    assertThat(topology.exchangeFrom(CLIENT_OUTSIDE_V4, SERVER_V4))
        .isEqualTo(Exchange.answeredFrom(CLIENT_OUTSIDE_V4));
    assertThat(topology.exchangeFrom(CLIENT_V4, SERVER_V4))
        .isEqualTo(Exchange.answeredFrom(UPLINK_V4));
  }

  @Test
  void afterDownNothingIsMasqueradedUntilTheNextApply() {
    applyInitNat(Map.of());
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));

    Command.Result down = topology.initNat(Map.of(), "--down");
    assertThat(down.exit()).as(down.err()).isZero();
    // Forwarding stays on, so the client's packets still leave, with their own source.
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.unansweredFrom(CLIENT_V4));

    applyInitNat(Map.of());
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
  }

  @Test
  void anUplinkOffTheDefaultRouteIsWarnedAboutUntilTheAdvisedOneIsSet() {
    topology.gateway().addVethPair("eth1", "eth1-peer");

    Command.Result warned = topology.initNat(Map.of("WAN_IF", "eth1"));

    assertThat(warned.exit()).as(warned.err()).isZero();
    assertThat(InitNatProcess.messages(warned.err()))
        .isEqualTo(
            "warning: WAN_IF=eth1 does not match eth0, the interface of the IPv4 default route via"
                + " 198.51.100.2: the clients' traffic to the internet leaves by eth0"
                + " unmasqueraded, so they connect but get no internet (set WAN_IF=eth0, or unset"
                + " it to take the default route's interface)\n");
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.unansweredFrom(CLIENT_V4));

    Command.Result advised = topology.initNat(Map.of("WAN_IF", "eth0"));

    assertThat(advised.exit()).as(advised.err()).isZero();
    assertThat(advised.err()).isEmpty();
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
  }

  @Test
  void withoutADefaultRouteTheWarningIsTrueUntilOneIsAdded() {
    topology.gateway().exec("ip", "-4", "route", "del", "default").check();

    Command.Result warned = topology.initNat(Map.of());

    assertThat(warned.exit()).as(warned.err()).isZero();
    assertThat(InitNatProcess.messages(warned.err()))
        .isEqualTo(
            "warning: WAN_IF=eth0: no IPv4 default route; eth0 exists and is taken as the uplink,"
                + " but the gateway has no route to the internet, so clients get no internet until"
                + " one is added through the uplink's router (e.g. ip route add default via"
                + " <router> dev eth0)\n");
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.nothingArrived());

    // The table matches the uplink by name: once the route is there, it needs no second run.
    topology.gateway().addDefaultRoute("198.51.100.2");

    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
  }

  @Test
  void forwardedSynsAreClampedToTheUplinksMtu() {
    // The client's link has MTU 1500 and the uplink 1400: unclamped, the client offers an MSS the
    // uplink cannot carry in one packet.
    topology.gateway().exec("ip", "link", "set", "eth0", "mtu", "1400").check();
    topology.internet().exec("ip", "link", "set", "eth0", "mtu", "1400").check();

    List<List<Integer>> offered = mssWithoutAndWithClamp(topology.witness());

    assertThat(offered.get(0)).containsExactly(1440, 1460);
    assertThat(offered.get(1)).containsExactly(1340, 1360);
  }

  @Test
  void answersToTheClientsAreClampedToTheTunnelsMtu() {
    // A tunnel's MTU is below the uplink's: the server, on a 1500-byte link, offers an MSS that
    // the tunnel cannot carry in one packet.
    topology.client().exec("ip", "link", "set", "tun0", "mtu", "1400").check();
    topology.gateway().exec("ip", "link", "set", "vpns0", "mtu", "1400").check();

    List<List<Integer>> offered = mssWithoutAndWithClamp(topology.answers());

    assertThat(offered.get(0)).containsExactly(1440, 1460);
    assertThat(offered.get(1)).containsExactly(1340, 1360);
  }

  /**
   * Connects over IPv4 and IPv6 with init-nat's table applied with {@code MSS_CLAMP=0}, then with
   * the clamp, and returns the MSS values {@code witness} saw each time, sorted.
   */
  private List<List<Integer>> mssWithoutAndWithClamp(Witness witness) {
    List<List<Integer>> offered = new ArrayList<>();
    for (Map<String, String> settings :
        List.of(Map.of("IPV6_NAT", "1", "MSS_CLAMP", "0"), Map.of("IPV6_NAT", "1"))) {
      applyInitNat(settings);
      topology.connect(SERVER_V4);
      topology.connect(SERVER_V6);
      offered.add(witness.synMss());
      witness.forget();
    }
    return offered;
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

    // nft repeats the kernel's refusal for each rule after the refused one: a count that follows
    // the table, not the failure.
    assertThat(refused.check())
        .matches(
            Pattern.quote(
                    "NOT_SUPPORTED: Could not process rule: Operation not supported (the input was"
                        + " JSON, for which nft names no command)")
                + " \\(and \\d+ more\\)\n");
    assertThat(topology.gateway().nft("-a", "list", "ruleset")).isEqualTo(before);
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
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
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
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
