package io.github.ocservnat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ocservnat.nat.NatConfig;
import io.github.ocservnat.nat.NatRuleset;
import io.github.ocservnat.nft.model.IpPrefix;
import io.github.ocservnat.nft.model.NftText;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bin/init-nat, run as a process in a fresh network namespace, against the real kernel. */
@KernelTest
class InitNatNamespaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The variables init-nat reads; a test sets what it needs, the rest stay unset. */
  private static final String[] VARIABLES = {
    "VPN_SUBNET", "WAN_IF", "VPN_IF", "IPV6_FORWARD", "IPV6_NAT", "IPV6_SUBNET"
  };

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

  private Command.Result initNat(Map<String, String> settings) {
    Map<String, String> environment = new HashMap<>();
    for (String variable : VARIABLES) {
      environment.put(variable, null);
    }
    environment.putAll(settings);
    return namespace.exec(environment, ProjectRoot.initNat());
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

    Command.Result result = initNat(Map.of());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines())
        .hasSize(4)
        .allMatch(
            line -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[INIT-NAT\\] .+"));
    assertThat(result.out())
        .contains("[INIT-NAT] set net.ipv4.ip_forward to 1 (was 0)\n")
        .contains("[INIT-NAT] applied table inet ocserv (forward: 2 rules, postrouting: 1 rule)\n");
    assertThat(liveTable().toPrettyString())
        .isEqualTo(golden("default-table.json").toPrettyString());
    assertThat(namespace.nft("list", "table", "inet", "ocserv"))
        .isEqualTo(NftText.table(NatRuleset.table(NatConfig.defaults())));
    assertThat(namespace.sysctl("net.ipv4.ip_forward")).isEqualTo("1");
    assertThat(namespace.sysctl("net.ipv6.conf.all.forwarding")).isEqualTo("1");
  }

  @Test
  void secondRunLeavesAnIdenticalTable() throws IOException {
    initNat(Map.of()).check();
    JsonNode first = liveTable();

    Command.Result second = initNat(Map.of());

    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("[INIT-NAT] net.ipv4.ip_forward is already 1\n");
    assertThat(liveTable()).isEqualTo(first);
    assertThat(namespace.nft("list", "tables")).isEqualTo("table inet ocserv\n");
  }

  @Test
  void foreignTableIsUntouched() {
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

    assertThat(namespace.nft("-j", "-a", "list", "table", "ip", "foreign")).isEqualTo(before);
    assertThat(namespace.nft("-j", "-a", "list", "table", "inet", "other")).isEqualTo(otherBefore);
  }

  @Test
  void changedSubnetReplacesTheOldRule() {
    initNat(Map.of()).check();

    Command.Result moved = initNat(Map.of("VPN_SUBNET", "10.20.0.0/16", "IPV6_NAT", "1"));

    assertThat(moved.exit()).as(moved.err()).isZero();
    NatConfig expected =
        NatConfig.builder().vpnSubnet(IpPrefix.parse("10.20.0.0/16")).ipv6Nat(true).build();
    assertThat(namespace.nft("list", "table", "inet", "ocserv"))
        .isEqualTo(NftText.table(NatRuleset.table(expected)))
        .doesNotContain("10.10.10.0/24");
  }

  @Test
  void badConfigurationChangesNothing() {
    Command.Result result = initNat(Map.of("VPN_SUBNET", "10.10.0"));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .matches(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[INIT-NAT\\] error: VPN_SUBNET: '10.10.0'"
                + " is not an IP prefix: '10.10.0' is not an IPv4 or IPv6 address \\(example:"
                + " 10.10.10.0/24\\)\n");
    assertThat(namespace.nft("list", "ruleset")).isEmpty();
    assertThat(namespace.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
  }
}
