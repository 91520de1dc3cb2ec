package io.github.ocservnat.it.traffic;

import static io.github.ocservnat.it.traffic.Topology.SERVER_V4;
import static io.github.ocservnat.it.traffic.Topology.UPLINK_V4;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.it.Command;
import io.github.ocservnat.it.InitNatProcess;
import io.github.ocservnat.it.KernelAccess;
import io.github.ocservnat.it.KernelTest;
import io.github.ocservnat.it.NetworkNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * init-nat on a gateway that runs Docker too: Docker's tables, made by iptables-nft in the gateway
 * as Docker's daemon makes them, beside table inet ocserv. What reaches the internet, what init-nat
 * says about Docker's FORWARD chain, whether its advice works, and that Docker's tables stay as
 * they were.
 */
@KernelTest
class DockerNeighbourTest {
  /**
   * Docker's rules for its default bridge, docker0 on 172.17.0.0/16, as {@code iptables -S} and
   * {@code iptables -t nat -S} list them on a Docker host, in that order: the layout of Docker
   * releases before 28, which put a chain of its own (DOCKER-FORWARD) between FORWARD and most of
   * these. Each line is one iptables command's arguments. The policy of FORWARD is each test's.
   */
  private static final List<String> DOCKER =
      List.of(
          "-N DOCKER",
          "-N DOCKER-ISOLATION-STAGE-1",
          "-N DOCKER-ISOLATION-STAGE-2",
          "-N DOCKER-USER",
          "-A FORWARD -j DOCKER-USER",
          "-A FORWARD -j DOCKER-ISOLATION-STAGE-1",
          "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
          "-A FORWARD -o docker0 -j DOCKER",
          "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT",
          "-A FORWARD -i docker0 -o docker0 -j ACCEPT",
          "-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2",
          "-A DOCKER-ISOLATION-STAGE-1 -j RETURN",
          "-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP",
          "-A DOCKER-ISOLATION-STAGE-2 -j RETURN",
          "-A DOCKER-USER -j RETURN",
          "-t nat -N DOCKER",
          "-t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
          "-t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER",
          "-t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
          "-t nat -A DOCKER -i docker0 -j RETURN");

  /** What init-nat warns about Docker's FORWARD chain with policy drop, its lines untagged. */
  private static final String DROP_WARNING =
      "warning: table ip filter has chain FORWARD on the forward hook with policy drop: it drops"
          + " the VPN clients' traffic unless one of its own rules accepts it, whatever table inet"
          + " ocserv allows; init-nat leaves other tables alone. Allow the traffic there, e.g.:\n"
          + "  nft insert rule ip filter DOCKER-USER iifname \"vpns*\" oifname \"eth0\" accept\n"
          + "  nft insert rule ip filter DOCKER-USER iifname \"eth0\" oifname \"vpns*\" ct state"
          + " established,related accept\n"
          + "  or, as iptables made this table: iptables -I DOCKER-USER -i vpns+ -o eth0 -j"
          + " ACCEPT\n"
          + "  and: iptables -I DOCKER-USER -i eth0 -o vpns+ -m conntrack --ctstate"
          + " ESTABLISHED,RELATED -j ACCEPT\n";

  private static final String ACCEPTED =
      "table ip filter has chain FORWARD on the forward hook with policy drop, and has rules that"
          + " accept the VPN clients' traffic (init-nat does not check what comes before them";

  private static final String IN_PLACE = "table inet ocserv is already in place; nothing changed\n";

  private Topology topology;
  private NetworkNamespace gateway;

  /** iptables-legacy would build Docker's tables where nft, and init-nat, cannot see them. */
  @BeforeAll
  static void requireIptablesNft() {
    String version = Command.run(List.of("iptables", "--version")).out().strip();
    KernelAccess.require(
        version.contains("(nf_tables)")
            ? null
            : "'iptables' is "
                + version
                + ", not iptables-nft (update-alternatives --set iptables /usr/sbin/iptables-nft)");
  }

  @BeforeEach
  void createTopology() {
    topology = Topology.create();
    gateway = topology.gateway();
    gateway.addVethPair("docker0", "docker0-peer");
    gateway.addAddress("docker0", "172.17.0.1/16");
  }

  @AfterEach
  void deleteTopology() {
    topology.close();
  }

  /** Builds Docker's tables in the gateway with iptables, with policy {@code policy} on FORWARD. */
  private void startDocker(String policy) {
    for (String rule : DOCKER) {
      iptables(rule);
    }
    iptables("-P FORWARD " + policy);
  }

  private void iptables(String arguments) {
    List<String> argv = new ArrayList<>(List.of("iptables"));
    argv.addAll(List.of(arguments.split(" ")));
    gateway.exec(argv.toArray(String[]::new)).check();
  }

  /**
   * Returns Docker's two tables as nft lists them with handles and without counters, which traffic
   * changes: a rule that was deleted and added again, even the same, lists with another handle.
   */
  private String dockerTables() {
    return gateway.nft("-s", "-a", "list", "table", "ip", "filter")
        + gateway.nft("-s", "-a", "list", "table", "ip", "nat");
  }

  private Command.Result initNat(String... args) {
    return topology.initNat(Map.of(), args);
  }

  /**
   * Returns the commands for {@code tool} (nft or iptables) that init-nat's warning in {@code err}
   * advises, each as the warning writes it.
   */
  private static List<String> advice(String err, String tool) {
    return InitNatProcess.messages(err)
        .lines()
        .filter(line -> line.startsWith("  "))
        .map(line -> line.strip().replaceFirst("^(or, as iptables made this table|and): ", ""))
        .filter(line -> line.startsWith(tool + " "))
        .collect(Collectors.toList());
  }

  @Test
  void withPolicyAcceptTrafficIsMasqueradedAndDockersTablesAreLeftAsTheyWere() {
    startDocker("ACCEPT");
    String docker = dockerTables();

    Command.Result applied = initNat();
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.err()).isEmpty();
    assertThat(dockerTables()).isEqualTo(docker);

    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
    assertThat(dockerTables()).isEqualTo(docker);

    Command.Result again = initNat();
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.err()).isEmpty();
    assertThat(InitNatProcess.messages(again.out())).endsWith(IN_PLACE);
    assertThat(dockerTables()).isEqualTo(docker);

    Command.Result down = initNat("--down");
    assertThat(down.exit()).as(down.err()).isZero();
    assertThat(gateway.nft("list", "tables")).isEqualTo("table ip filter\ntable ip nat\n");
    assertThat(dockerTables()).isEqualTo(docker);

    Command.Result reapplied = initNat();
    assertThat(reapplied.exit()).as(reapplied.err()).isZero();
    assertThat(reapplied.err()).isEmpty();
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));
    assertThat(dockerTables()).isEqualTo(docker);
  }

  /**
   * Follows the warning's advice in the form of {@code tool}: iptables, as Docker's users are asked
   * to, or nft.
   */
  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nft"})
  void withPolicyDropTheWarningIsTrueUntilItsAdviceIsFollowed(String tool) {
    startDocker("DROP");
    String docker = dockerTables();

    Command.Result warned = initNat();

    assertThat(warned.exit()).as(warned.err()).isZero();
    assertThat(InitNatProcess.messages(warned.err())).isEqualTo(DROP_WARNING);
    assertThat(dockerTables()).isEqualTo(docker);
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.nothingArrived());

    List<String> advice = advice(warned.err(), tool);
    assertThat(advice).hasSize(2);
    for (String command : advice) {
      String arguments = command.substring(tool.length() + 1);
      if (tool.equals("iptables")) {
        iptables(arguments);
      } else {
        gateway.nft(arguments);
      }
    }
    String advised = dockerTables();

    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.answeredFrom(UPLINK_V4));

    Command.Result noted = initNat();

    assertThat(noted.exit()).as(noted.err()).isZero();
    assertThat(noted.err()).isEmpty();
    // nft's JSON lists iptables' conntrack match by its name alone; its text, as libxtables
    // translates it, shows the states.
    assertThat(InitNatProcess.messages(noted.out())).endsWith(IN_PLACE + ACCEPTED + ")\n");
    if (tool.equals("iptables")) {
      assertThat(gateway.exec("iptables", "-S", "DOCKER-USER").check())
          .contains(
              "-A DOCKER-USER -i eth0 -o vpns+ -m conntrack --ctstate RELATED,ESTABLISHED -j"
                  + " ACCEPT\n");
    }
    assertThat(dockerTables()).isEqualTo(advised);
  }

  @Test
  void aReplyRuleWithOtherStatesIsNoReplyRule() {
    startDocker("DROP");
    iptables("-I DOCKER-USER -i vpns+ -o eth0 -j ACCEPT");
    // The shape of the advice, with a state that lets no reply through.
    iptables("-I DOCKER-USER -i eth0 -o vpns+ -m conntrack --ctstate INVALID -j ACCEPT");
    String docker = dockerTables();

    Command.Result warned = initNat();

    assertThat(warned.exit()).as(warned.err()).isZero();
    assertThat(InitNatProcess.messages(warned.err()))
        .endsWith(
            " Allow the traffic there, e.g.:\n"
                + "  nft insert rule ip filter DOCKER-USER iifname \"eth0\" oifname \"vpns*\" ct"
                + " state established,related accept\n"
                + "  or, as iptables made this table: iptables -I DOCKER-USER -i eth0 -o vpns+ -m"
                + " conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n"
                + "  (its rule in DOCKER-USER for the replies takes ct state invalid, which leaves"
                + " out established and related)\n");
    // Out they go, masqueraded; the answers are dropped on the way back.
    assertThat(topology.exchange(SERVER_V4)).isEqualTo(Exchange.unansweredFrom(UPLINK_V4));
    assertThat(dockerTables()).isEqualTo(docker);
  }
}
