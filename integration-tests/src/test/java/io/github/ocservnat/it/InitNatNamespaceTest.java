package io.github.ocservnat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ocservnat.nat.NatConfig;
import io.github.ocservnat.nat.NatRuleset;
import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.NftText;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bin/init-nat, run as a process in a fresh network namespace, against the real kernel. */
@KernelTest
class InitNatNamespaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What init-nat warns in the namespace of these tests, which has an eth0 but no default route,
   * untagged.
   */
  private static final String NO_DEFAULT_ROUTE =
      "warning: WAN_IF=eth0: no IPv4 default route; eth0 exists and is taken as the uplink, but"
          + " the gateway has no route to the internet, so clients get no internet until one is"
          + " added through the uplink's router (e.g. ip route add default via <router> dev"
          + " eth0)\n";

  private NetworkNamespace namespace;

  @BeforeEach
  void freshNamespaceWithAnUplink() {
    namespace = NetworkNamespace.create();
    namespace.addVethPair("eth0", "eth0-peer");
  }

  @AfterEach
  void deleteNamespace() {
    namespace.close();
  }

  /** Runs init-nat with the ocserv.conf of an ocserv-server image and {@code settings}. */
  private Command.Result initNat(Map<String, String> settings, String... args) {
    return InitNatProcess.run(namespace, settings, args);
  }

  /**
   * Runs init-nat in a private mount namespace, after {@code setup}: a shell command that can mount
   * over /proc/sys without the change reaching anything else.
   */
  private Command.Result initNatAfter(String setup, Map<String, String> settings) {
    return namespace.exec(
        InitNatProcess.environment(settings),
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        setup + " && exec \"$0\" \"$@\"",
        ProjectRoot.initNat());
  }

  /** The live table as {@code nft -j} lists it, without metainfo and handles. */
  private JsonNode liveTable() throws IOException {
    return withoutHandles(JSON.readTree(namespace.nft("-j", "list", "table", "inet", "ocserv")));
  }

  private static JsonNode withoutHandles(JsonNode listing) {
    ArrayNode objects = (ArrayNode) listing.get("nftables");
    for (int i = objects.size() - 1; i >= 0; i--) {
      if (objects.get(i).has("metainfo")) {
        objects.remove(i);
      }
    }
    objects.forEach(object -> object.forEach(body -> ((ObjectNode) body).remove("handle")));
    return listing;
  }

  private static JsonNode golden(String name) throws IOException {
    try (InputStream in = InitNatNamespaceTest.class.getResourceAsStream(name)) {
      return JSON.readTree(in);
    }
  }

  @Test
  void defaultsInstallTheTableAndSwitchOnForwarding() throws IOException {
    assertThat(namespace.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(namespace.sysctl("net.ipv6.conf.eth0.accept_ra")).isEqualTo("1");

    Command.Result result = initNat(Map.of());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(InitNatProcess.messages(result.err())).isEqualTo(NO_DEFAULT_ROUTE);
    assertThat(result.out().lines()).allMatch(line -> line.matches(InitNatProcess.LOG_LINE + ".+"));
    assertThat(InitNatProcess.messages(result.out()))
        .isEqualTo(
            "VPN_SUBNET=10.10.10.0/24 from "
                + InitNatProcess.ocservConf()
                + ":7\n"
                + "IPV6_SUBNET=fda9:4efe:7e3b:3ea::/64 from "
                + InitNatProcess.ocservConf()
                + ":9\n"
                + "VPN_IF=vpns* from "
                + InitNatProcess.ocservConf()
                + ":6\n"
                + "IPV6_SUBNET=fda9:4efe:7e3b:3ea::/64 is unique local and IPV6_NAT=0: the clients'"
                + " IPv6 leaves with these addresses, which the internet does not route back, so it"
                + " reaches only networks that route them to this gateway (set IPV6_NAT=1 to"
                + " masquerade it)\n"
                + "VPN_SUBNET=10.10.10.0/24 WAN_IF=eth0 VPN_IF=vpns* IPV6_FORWARD=1 IPV6_NAT=0"
                + " IPV6_SUBNET=fda9:4efe:7e3b:3ea::/64 MSS_CLAMP=1\n"
                + "set net.ipv4.ip_forward to 1 (was 0)\n"
                + "set net.ipv6.conf.eth0.accept_ra to 2 (was 1)\n"
                + "set net.ipv6.conf.all.forwarding to 1 (was 0)\n"
                + "applied table inet ocserv (forward: 4 rules, input: 2 rules, output: 2 rules,"
                + " postrouting: 1 rule)\n");
    assertThat(liveTable().toPrettyString())
        .isEqualTo(golden("default-table.json").toPrettyString());
    assertThat(namespace.nft("list", "table", "inet", "ocserv"))
        .isEqualTo(NftText.table(NatRuleset.table(NatConfig.defaults())));
    assertThat(namespace.sysctl("net.ipv4.ip_forward")).isEqualTo("1");
    assertThat(namespace.sysctl("net.ipv6.conf.all.forwarding")).isEqualTo("1");
    assertThat(namespace.sysctl("net.ipv6.conf.eth0.accept_ra")).isEqualTo("2");
  }

  @Test
  void secondRunChangesNothingAndSaysSo() throws IOException {
    initNat(Map.of()).check();
    String first = namespace.nft("-j", "-a", "list", "table", "inet", "ocserv");

    Command.Result second = initNat(Map.of());

    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("[INIT-NAT] net.ipv4.ip_forward is already 1\n")
        .endsWith("[INIT-NAT] table inet ocserv is already in place; nothing changed\n");
    // The same handles: the table was not even replaced.
    assertThat(namespace.nft("-j", "-a", "list", "table", "inet", "ocserv")).isEqualTo(first);
    assertThat(namespace.nft("list", "tables")).isEqualTo("table inet ocserv\n");
  }

  @Test
  void theUplinkIsTheInterfaceOfTheDefaultRoute() {
    namespace.addVethPair("ens5", "ens5-peer");
    namespace.exec("ip", "addr", "add", "192.0.2.10/24", "dev", "ens5").check();
    namespace.exec("ip", "link", "set", "ens5", "mtu", "1420").check();
    namespace.exec("ip", "route", "add", "default", "via", "192.0.2.1", "metric", "50").check();

    Command.Result result = initNat(Map.of());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "[INIT-NAT] WAN_IF=ens5 detected: the IPv4 default route via 192.0.2.1, metric 50\n")
        .contains("[INIT-NAT] uplink MTU 1420 (ens5)\n");
    assertThat(namespace.nft("list", "table", "inet", "ocserv"))
        .isEqualTo(
            NftText.table(
                NatRuleset.table(
                    NatConfig.builder()
                        .wanInterface(InterfaceName.exact("ens5"))
                        .uplinkMtu(1420)
                        .build())));
  }

  @Test
  void foreignTablesAreUntouched() {
    namespace
        .exec(
            "sh",
            "-c",
            "nft 'add table ip foreign' && "
                + "nft 'add chain ip foreign input { type filter hook input priority 0;"
                + " policy accept; }' && "
                + "nft 'add rule ip foreign input tcp dport 22 counter accept' && "
                + "nft 'add table inet other' && nft 'add chain inet other forward'")
        .check();
    String before = namespace.nft("-j", "-a", "list", "table", "ip", "foreign");
    String otherBefore = namespace.nft("-j", "-a", "list", "table", "inet", "other");

    initNat(Map.of()).check();
    initNat(Map.of("VPN_SUBNET", "10.20.0.0/16")).check();
    initNat(Map.of(), "--down").check();

    assertThat(namespace.nft("-j", "-a", "list", "table", "ip", "foreign")).isEqualTo(before);
    assertThat(namespace.nft("-j", "-a", "list", "table", "inet", "other")).isEqualTo(otherBefore);
  }

  @Test
  void aForeignChainThatDropsForwardedTrafficIsNamed() {
    namespace
        .exec(
            "nft",
            "add table ip filter; add chain ip filter FORWARD { type filter hook forward"
                + " priority filter; policy drop; }")
        .check();
    String before = namespace.nft("-j", "-a", "list", "table", "ip", "filter");

    Command.Result result = initNat(Map.of());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(InitNatProcess.messages(result.err()))
        .isEqualTo(
            NO_DEFAULT_ROUTE
                + "warning: table ip filter has chain FORWARD on the forward hook with policy"
                + " drop: it drops the VPN clients' traffic unless one of its own rules accepts"
                + " it, whatever table inet ocserv allows; init-nat leaves other tables alone."
                + " Allow the traffic there, e.g.:\n"
                + "  nft insert rule ip filter FORWARD iifname \"vpns*\" oifname \"eth0\" accept\n"
                + "  nft insert rule ip filter FORWARD iifname \"eth0\" oifname \"vpns*\" ct state"
                + " established,related accept\n"
                + "  or, as iptables made this table: iptables -I FORWARD -i vpns+ -o eth0 -j"
                + " ACCEPT\n"
                + "  and: iptables -I FORWARD -i eth0 -o vpns+ -m conntrack --ctstate"
                + " ESTABLISHED,RELATED -j ACCEPT\n");
    assertThat(namespace.nft("-j", "-a", "list", "table", "ip", "filter")).isEqualTo(before);
  }

  @Test
  void aChangedSubnetReplacesTheOldRule() {
    initNat(Map.of()).check();

    Command.Result moved = initNat(Map.of("VPN_SUBNET", "10.20.0.0/16", "IPV6_NAT", "1"));

    assertThat(moved.exit()).as(moved.err()).isZero();
    assertThat(moved.err())
        .contains(
            "warning: VPN_SUBNET=10.20.0.0/16 does not cover 10.10.10.0/24, which "
                + InitNatProcess.ocservConf()
                + ":7 leases to clients");
    NatConfig expected =
        NatConfig.builder().vpnSubnet(IpPrefix.parse("10.20.0.0/16")).ipv6Nat(true).build();
    assertThat(namespace.nft("list", "table", "inet", "ocserv"))
        .isEqualTo(NftText.table(NatRuleset.table(expected)))
        .doesNotContain("10.10.10.0/24");
  }

  @Test
  void subnetsThatTheKernelJoinsReadBackAsApplied() {
    Map<String, String> adjacent =
        Map.of("VPN_SUBNET", "192.168.1.0/24 192.168.2.0/24 10.0.0.0/16 10.1.0.0/16");

    Command.Result first = initNat(adjacent);
    Command.Result second = initNat(adjacent);

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(namespace.nft("list", "chain", "inet", "ocserv", "postrouting"))
        .contains(
            "ip saddr { 10.0.0.0/15, 192.168.1.0-192.168.2.255 } oifname \"eth0\" masquerade");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out())
        .endsWith("[INIT-NAT] table inet ocserv is already in place; nothing changed\n");
  }

  @Test
  void wildcardsThatTouchAreAppliedListedAndRemoved() {
    namespace.addVethPair("eth1", "eth1-peer");
    // As one set, vpns* and vpnt* would be joined into one interval that nft 1.0.6 cannot list.
    Map<String, String> lists = Map.of("VPN_IF", "vpns+ vpnt+", "WAN_IF", "eth0 eth1");

    Command.Result first = initNat(lists);
    Command.Result second = initNat(lists);
    Command.Result down = initNat(lists, "--down");

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out())
        .endsWith("[INIT-NAT] table inet ocserv is already in place; nothing changed\n");
    assertThat(down.exit()).as(down.err()).isZero();
    assertThat(namespace.nft("list", "ruleset")).isEmpty();
  }

  @Test
  void aForeignTableNftCannotListAsJsonIsLeftOutOfTheCheck() {
    // The kernel joins the two wildcards into one interval; nft 1.0.6's JSON listing of it aborts.
    namespace
        .exec(
            "nft",
            "add table inet foreign; add chain inet foreign fw { type filter hook forward priority"
                + " 0; }; add rule inet foreign fw iifname { \"vpns*\", \"vpnt*\" } accept")
        .check();

    for (String backend : List.of("libnftables", "nft")) {
      Command.Result apply = initNat(Map.of("NFT_BACKEND", backend));
      Command.Result plan = initNat(Map.of("NFT_BACKEND", backend), "--plan");

      assertThat(apply.exit()).as(apply.err()).isZero();
      assertThat(apply.err())
          .contains(
              "[INIT-NAT] warning: table inet foreign has a set of interface wildcards that"
                  + " touch, which nft cannot list as JSON; it is not checked for chains that drop"
                  + " forwarded traffic\n");
      assertThat(plan.exit()).as(plan.err()).isZero();
    }
    // Its text listing holds bytes that are not UTF-8; that it is still there is enough.
    assertThat(namespace.nft("list", "tables")).contains("table inet foreign\n");
  }

  @Test
  void anOwnTableNftCannotListAsJsonIsReplacedOrRemoved() {
    initNat(Map.of()).check();
    namespace
        .exec("nft", "add rule inet ocserv forward iifname { \"vpns*\", \"vpnt*\" } accept")
        .check();

    Command.Result apply = initNat(Map.of());
    Command.Result again = initNat(Map.of());
    namespace
        .exec("nft", "add rule inet ocserv forward iifname { \"vpns*\", \"vpnt*\" } accept")
        .check();
    Command.Result down = initNat(Map.of(), "--down");

    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(apply.err())
        .contains(
            "[INIT-NAT] warning: table inet ocserv has a set of interface wildcards that touch,"
                + " which nft cannot list as JSON; it is replaced whole\n");
    assertThat(again.out())
        .endsWith("[INIT-NAT] table inet ocserv is already in place; nothing" + " changed\n");
    assertThat(down.exit()).as(down.err()).isZero();
    assertThat(namespace.nft("list", "ruleset")).isEmpty();
  }

  @Test
  void aDormantTableIsReplacedByAWorkingOne() {
    // nft 1.0.6 lists dormant tables as JSON from memory it does not own, now and then fatally:
    // a few rounds, with a dormant table of another program beside, would have shown it.
    for (int round = 0; round < 5; round++) {
      initNat(Map.of()).check();
      namespace
          .exec(
              "nft",
              "add table inet ocserv { flags dormant; }; add table ip other { flags dormant; }")
          .check();

      Command.Result result = initNat(Map.of());
      Command.Result plan = initNat(Map.of(), "--plan");

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.err())
          .contains(
              "[INIT-NAT] warning: table inet ocserv is dormant, so it filters nothing; it is"
                  + " replaced whole\n");
      assertThat(result.out()).contains("[INIT-NAT] replaced table inet ocserv");
      assertThat(plan.exit()).as(plan.err()).isZero();
    }
    assertThat(namespace.nft("list", "table", "inet", "ocserv")).doesNotContain("dormant");
  }

  @Test
  void aBlackholeDefaultRouteIsNoUplink() {
    namespace.exec("ip", "route", "add", "blackhole", "default").check();

    Command.Result result = initNat(Map.of());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(InitNatProcess.messages(result.err())).isEqualTo(NO_DEFAULT_ROUTE);
  }

  @Test
  void downRemovesTheTableAndLeavesForwardingOn() {
    initNat(Map.of()).check();

    Command.Result first = initNat(Map.of(), "--down");
    Command.Result second = initNat(Map.of(), "--down");

    assertThat(first.out())
        .endsWith(
            "[INIT-NAT] removed table inet ocserv; the sysctls are left as they are, so while"
                + " forwarding is on the clients' traffic leaves unmasqueraded\n");
    assertThat(second.exit()).isZero();
    assertThat(second.out())
        .endsWith("[INIT-NAT] table inet ocserv is not there; nothing to remove\n");
    assertThat(namespace.nft("list", "ruleset")).isEmpty();
    assertThat(namespace.sysctl("net.ipv4.ip_forward")).isEqualTo("1");
  }

  @Test
  void checkAndPlanChangeNothing() {
    Command.Result check = initNat(Map.of(), "--check");
    Command.Result plan = initNat(Map.of(), "--plan");

    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out())
        .contains("[INIT-NAT] would set net.ipv4.ip_forward to 1\n")
        .endsWith(
            "[INIT-NAT] check passed: nftables accepts table inet ocserv; applying would make 1"
                + " change; nothing changed\n");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).isEqualTo("+ table inet ocserv\n");
    assertThat(namespace.nft("list", "ruleset")).isEmpty();
    assertThat(namespace.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(namespace.sysctl("net.ipv6.conf.eth0.accept_ra")).isEqualTo("1");
  }

  @Test
  void aReadOnlyProcSysNamesTheSysctlOptionAndChangesNothing() {
    Command.Result result =
        initNatAfter("mount --bind -o ro /proc/sys /proc/sys", Map.of("IPV6_FORWARD", "0"));

    assertThat(result.exit()).isEqualTo(3);
    assertThat(InitNatProcess.messages(result.err()))
        .isEqualTo(
            NO_DEFAULT_ROUTE
                + "error: net.ipv4.ip_forward is 0 and cannot be set to 1 (read-only file system);"
                + " start the container with --sysctl net.ipv4.ip_forward=1\n");
    assertThat(namespace.nft("list", "ruleset")).isEmpty();
    assertThat(namespace.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
  }

  @Test
  void aReadOnlyProcSysIsFineWhenForwardingIsAlreadyOn() {
    namespace.setSysctl("net.ipv4.ip_forward", "1");
    namespace.setSysctl("net.ipv6.conf.all.forwarding", "1");
    // eth0 keeps accept_ra 1: with forwarding already on, that is as the host wants it.

    Command.Result result = initNatAfter("mount --bind -o ro /proc/sys /proc/sys", Map.of());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("[INIT-NAT] net.ipv4.ip_forward is already 1\n")
        .contains("[INIT-NAT] net.ipv6.conf.all.forwarding is already 1\n")
        .contains("[INIT-NAT] applied table inet ocserv");
  }

  @Test
  void aMaskedIpv6SysctlFolderIsSkippedWithAWarning() {
    // A kernel without IPv6 cannot be made in a namespace; a masked folder can, and the kernel's
    // IPv6 (in /proc/net/if_inet6) tells the two apart.
    Command.Result result = initNatAfter("mount -t tmpfs -o ro none /proc/sys/net/ipv6", Map.of());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err())
        .contains(
            "[INIT-NAT] warning: /proc/sys/net/ipv6 is missing though the kernel has IPv6 (is it"
                + " masked?); skipping net.ipv6.conf.all.forwarding\n");
    assertThat(namespace.sysctl("net.ipv6.conf.all.forwarding")).isEqualTo("0");
  }

  @Test
  void badConfigurationChangesNothing() {
    Command.Result result = initNat(Map.of("VPN_SUBNET", "10.10.0"));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .matches(
            InitNatProcess.LOG_LINE
                + "error: VPN_SUBNET: '10.10.0' is not an IP prefix: '10.10.0' is not an IPv4 or"
                + " IPv6 address \\(example: 10.10.10.0/24\\)\n");
    assertThat(namespace.nft("list", "ruleset")).isEmpty();
    assertThat(namespace.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
  }
}
