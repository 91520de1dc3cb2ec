package io.github.ocservnat.it.traffic;

import io.github.ocservnat.it.Command;
import io.github.ocservnat.it.InitNatProcess;
import io.github.ocservnat.it.Jvm;
import io.github.ocservnat.it.NetworkNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A VPN client, its VPN server and the internet, as three network namespaces joined by veth pairs:
 *
 * <pre>
 *   client tun0 ──── vpns0 gateway eth0 ──── eth0 internet
 * </pre>
 *
 * <p>The gateway's end of the client link is named as ocserv names its tunnels, so the gateway is a
 * VPN server as init-nat finds one: {@code vpns*} from the tests' ocserv.conf, the uplink from its
 * default route. The internet host answers on {@link #SERVER_V4} and {@link #SERVER_V6}, and has no
 * route back to the VPN subnets: as on the real internet, only what the gateway masquerades can be
 * answered. Every address is private to the three namespaces, and closing the topology deletes
 * them.
 */
final class Topology implements AutoCloseable {
  static final String CLIENT_V4 = "10.10.10.2";
  static final String CLIENT_V6 = "fda9:4efe:7e3b:3ea::2";

  /** A second address of the client, outside VPN_SUBNET, as a network routed over a client. */
  static final String CLIENT_OUTSIDE_V4 = "10.99.0.2";

  static final String UPLINK_V4 = "198.51.100.1";
  static final String UPLINK_V6 = "2001:db8:100::1";

  static final String SERVER_V4 = "203.0.113.10";
  static final String SERVER_V6 = "2001:db8:203::10";
  static final int SERVER_PORT = 8080;

  private final List<NetworkNamespace> namespaces;
  private final NetworkNamespace client;
  private final NetworkNamespace gateway;
  private final NetworkNamespace internet;
  private Witness witness;
  private Witness answers;
  private Command.Running server;

  private Topology(NetworkNamespace client, NetworkNamespace gateway, NetworkNamespace internet) {
    this.client = client;
    this.gateway = gateway;
    this.internet = internet;
    this.namespaces = List.of(client, gateway, internet);
  }

  /** Makes the three namespaces, their links, addresses and routes, and starts the server. */
  static Topology create() {
    List<NetworkNamespace> made = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        made.add(NetworkNamespace.create());
      }
      Topology topology = new Topology(made.get(0), made.get(1), made.get(2));
      topology.wire();
      return topology;
    } catch (RuntimeException | Error e) {
      made.forEach(NetworkNamespace::close);
      throw e;
    }
  }

  private void wire() {
    client.link("tun0", gateway, "vpns0");
    gateway.link("eth0", internet, "eth0");

    client.addAddress("tun0", CLIENT_V4 + "/24");
    client.addAddress("tun0", CLIENT_V6 + "/64");
    client.addAddress("tun0", CLIENT_OUTSIDE_V4 + "/24");
    gateway.addAddress("vpns0", "10.10.10.1/24");
    gateway.addAddress("vpns0", "fda9:4efe:7e3b:3ea::1/64");
    gateway.addAddress("eth0", UPLINK_V4 + "/24");
    gateway.addAddress("eth0", UPLINK_V6 + "/64");
    internet.addAddress("eth0", "198.51.100.2/24");
    internet.addAddress("eth0", "2001:db8:100::2/64");
    internet.addAddress("lo", SERVER_V4 + "/32");
    internet.addAddress("lo", SERVER_V6 + "/128");

    client.addDefaultRoute("10.10.10.1");
    client.addDefaultRoute("fda9:4efe:7e3b:3ea::1");
    gateway.addDefaultRoute("198.51.100.2");
    gateway.addDefaultRoute("2001:db8:100::2");

    witness = Witness.install(internet, SERVER_V4, SERVER_V6);
    answers = Witness.installForAnswers(client, SERVER_V4, SERVER_V6);
    server =
        internet.start(
            Jvm.command(Peer.class, "serve", Integer.toString(SERVER_PORT), SERVER_V4, SERVER_V6),
            "listening");
  }

  NetworkNamespace gateway() {
    return gateway;
  }

  NetworkNamespace internet() {
    return internet;
  }

  Witness witness() {
    return witness;
  }

  /** What reached the client from the server: the MSS its SYN-ACKs offer. */
  Witness answers() {
    return answers;
  }

  NetworkNamespace client() {
    return client;
  }

  /** Runs init-nat on the gateway with {@code settings} and {@code args}. */
  Command.Result initNat(Map<String, String> settings, String... args) {
    return InitNatProcess.run(gateway, settings, args);
  }

  /**
   * Connects from the client to the server at {@code address} and returns the server's answer,
   * {@code from} and the source address it saw, or {@code no answer: ...}.
   */
  String connect(String address) {
    return client
        .exec(Jvm.command(Peer.class, "connect", address, port()).toArray(String[]::new))
        .out()
        .strip();
  }

  /** Connects as {@link #connect(String)} does, from the client's address {@code source}. */
  String connectFrom(String source, String address) {
    return client
        .exec(
            Jvm.command(Peer.class, "connect", "--from", source, address, port())
                .toArray(String[]::new))
        .out()
        .strip();
  }

  /**
   * Pings {@code address} from the client, connects to it, and returns what came of it, with what
   * the internet host saw; the witness then forgets, for the next exchange.
   */
  Exchange exchange(String address) {
    return exchange(ping(address), connect(address));
  }

  /** Exchanges as {@link #exchange(String)} does, from the client's address {@code source}. */
  Exchange exchangeFrom(String source, String address) {
    return exchange(pingFrom(source, address), connectFrom(source, address));
  }

  private Exchange exchange(boolean pinged, String answer) {
    Exchange exchange =
        new Exchange(
            pinged ? Exchange.ANSWERED : Exchange.UNANSWERED,
            answer.startsWith(Exchange.NO_ANSWER) ? Exchange.NO_ANSWER : answer,
            witness.sources());
    witness.forget();
    return exchange;
  }

  /** Returns whether one ping from the client to {@code address} was answered within 2 s. */
  boolean ping(String address) {
    return client.exec("ping", "-n", "-c", "1", "-W", "2", address).exit() == 0;
  }

  /** Returns whether one ping from the client's address {@code source} was answered. */
  boolean pingFrom(String source, String address) {
    return client.exec("ping", "-n", "-c", "1", "-W", "2", "-I", source, address).exit() == 0;
  }

  private static String port() {
    return Integer.toString(SERVER_PORT);
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      namespaces.forEach(NetworkNamespace::close);
    }
  }
}
