package io.github.ocservnat.it.traffic;

import com.google.common.net.InetAddresses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ends of a TCP connection for the traffic tests, each run in a JVM of its own inside a
 * namespace, since a socket belongs to the namespace of the process that opens it.
 *
 * <ul>
 *   <li>{@code serve PORT ADDRESS...} listens on each address and answers every connection with one
 *       line, {@code from ADDRESS}: the source address the connection arrived with. It prints
 *       {@code listening} once bound and ends when its standard input closes.
 *   <li>{@code connect [--from ADDRESS] ADDRESS PORT} connects, from {@code --from} if given, and
 *       prints the line the server answered. It exits 1 with {@code no answer: REASON} if the
 *       connection or the answer takes more than {@value #TIMEOUT_MILLIS} ms.
 * </ul>
 */
public final class Peer {
  static final int TIMEOUT_MILLIS = 2_000;

  private Peer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    switch (args[0]) {
      case "serve" -> serve(Integer.parseInt(args[1]), List.of(args).subList(2, args.length));
      case "connect" -> System.exit(connect(List.of(args).subList(1, args.length)));
      default -> throw new IllegalArgumentException("mode: '" + args[0] + "' (serve or connect)");
    }
  }

  private static void serve(int port, List<String> addresses)
      throws IOException, InterruptedException {
    List<ServerSocket> servers = new ArrayList<>();
    for (String address : addresses) {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddresses.forString(address), port));
      servers.add(server);
    }
    for (ServerSocket server : servers) {
      Thread acceptor = new Thread(() -> answer(server), "accept " + server);
      acceptor.setDaemon(true);
      acceptor.start();
    }
    System.out.println("listening");
    System.out.flush();

    // The test closes standard input to end the server.
    while (System.in.read() >= 0) {
      // Nothing is expected on standard input.
    }
  }

  private static void answer(ServerSocket server) {
    while (true) {
      try (Socket connection = server.accept()) {
        InetAddress source = connection.getInetAddress();
        OutputStream out = connection.getOutputStream();
        out.write(
            ("from " + InetAddresses.toAddrString(source) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // One failed connection ends only itself; the client reports it.
      }
    }
  }

  private static int connect(List<String> args) {
    InetSocketAddress from = null;
    int next = 0;
    if (args.get(0).equals("--from")) {
      from = new InetSocketAddress(InetAddresses.forString(args.get(1)), 0);
      next = 2;
    }
    InetAddress address = InetAddresses.forString(args.get(next));
    int port = Integer.parseInt(args.get(next + 1));

    PrintStream out = System.out;
    try (Socket socket = new Socket()) {
      if (from != null) {
        socket.bind(from);
      }
      socket.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      String line =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      out.println(line);
      return line == null ? 1 : 0;
    } catch (IOException e) {
      out.println("no answer: " + e.getMessage());
      return 1;
    }
  }
}
