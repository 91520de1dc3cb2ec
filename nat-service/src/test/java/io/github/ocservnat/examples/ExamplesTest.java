package io.github.ocservnat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.nft.fake.FakeNftables;
import io.github.ocservnat.nft.model.TableDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples of docs/library-guide.md: they run, do what the guide says, and match it. */
class ExamplesTest {
  private static final Path GUIDE = Path.of("..", "docs", "library-guide.md");
  private static final Path SOURCES =
      Path.of("src", "test", "java", "io", "github", "ocservnat", "examples");

  @Test
  void wireGuardTableIsInstalledOnceAndThenLeftAlone() {
    FakeNftables nft = new FakeNftables();

    TableDiff first = WireGuardExample.install(nft);
    TableDiff second = WireGuardExample.install(nft);

    assertThat(first.toString()).isEqualTo("+ table inet wireguard\n");
    assertThat(second.isEmpty()).isTrue();
    assertThat(nft.listText())
        .isEqualTo(
            """
            table inet wireguard {
            \tchain forward {
            \t\ttype filter hook forward priority filter; policy accept;
            \t\tiifname "wg0" oifname "eth0" tcp flags syn tcp option maxseg size set rt mtu
            \t\tiifname "eth0" oifname "wg0" tcp flags syn tcp option maxseg size set rt mtu
            \t\tiifname "wg0" oifname "eth0" accept
            \t\tiifname "eth0" oifname "wg0" ct state established,related accept
            \t}

            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tiifname "eth0" meta nfproto ipv4 tcp flags syn tcp option maxseg size set 1460
            \t\tiifname "eth0" meta nfproto ipv6 tcp flags syn tcp option maxseg size set 1440
            \t}

            \tchain output {
            \t\ttype filter hook output priority filter; policy accept;
            \t\toifname "eth0" meta nfproto ipv4 tcp flags syn tcp option maxseg size set 1460
            \t\toifname "eth0" meta nfproto ipv6 tcp flags syn tcp option maxseg size set 1440
            \t}

            \tchain postrouting {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tip saddr 10.13.13.0/24 oifname "eth0" masquerade
            \t\tip6 saddr fd42:42:42::/64 oifname "eth0" masquerade
            \t}
            }
            """);
  }

  @Test
  void openVpnTableIsInstalled() {
    FakeNftables nft = new FakeNftables();

    OpenVpnExample.install(nft);
    OpenVpnExample.install(nft);

    assertThat(nft.listText())
        .isEqualTo(
            """
            table inet openvpn {
            \tchain forward {
            \t\ttype filter hook forward priority filter; policy drop;
            \t\ttcp flags syn tcp option maxseg size set rt mtu
            \t\tct state established,related accept
            \t\tiifname "tun*" tcp dport { 25, 465, 587 } reject with tcp reset
            \t\tiifname "tun*" oifname "eth0" accept
            \t}

            \tchain postrouting {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tip saddr 10.8.0.0/24 oifname "eth0" masquerade
            \t}
            }
            """);
  }

  @Test
  void guideShowsTheCodeTheTestsRun() throws IOException {
    assertDocumentShows(GUIDE, "WireGuardExample", "OpenVpnExample");
    assertDocumentShows(Path.of("..", "docs", "backends.md"), "BackendExample");
  }

  private static void assertDocumentShows(Path document, String... examples) throws IOException {
    String guide = Files.readString(document, StandardCharsets.UTF_8);

    for (String example : examples) {
      Matcher block =
          Pattern.compile("<!-- " + example + " -->\n```java\n(.*?)```", Pattern.DOTALL)
              .matcher(guide);
      assertThat(block.find())
          .as("a java block after <!-- %s --> in %s", example, document)
          .isTrue();
      assertThat(block.group(1)).isEqualTo(exampleCode(example));
    }
  }

  /** Returns the lines between the markers, with the class's indentation taken off. */
  private static String exampleCode(String example) throws IOException {
    String source = Files.readString(SOURCES.resolve(example + ".java"), StandardCharsets.UTF_8);
    String between =
        source.substring(
            source.indexOf("// begin example\n") + 17, source.indexOf("  // end example"));
    return between.replaceAll("(?m)^  ", "");
  }
}
