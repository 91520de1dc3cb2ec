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
import io.github.ocservnat.it.KernelTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
}
