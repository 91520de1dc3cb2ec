package io.github.ocservnat.nat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextListingTest {
  // As nft 1.0.6 lists a ruleset with a dormant table and a set of two touching wildcards.
  private static final String RULESET =
      """
      table inet ocserv {
      \tflags dormant

      \tchain forward {
      \t\ttype filter hook forward priority filter; policy accept;
      \t\tiifname "vpns*" oifname "eth0" accept
      \t}
      }
      table inet foreign {
      \tchain fw {
      \t\ttype filter hook forward priority filter; policy accept;
      \t\tiifname { ""-"\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00fftnpv" } accept
      \t\tiifname { "eth*", "tun*" } accept
      \t}
      }
      table ip filter {
      \tchain FORWARD {
      \t\ttype filter hook forward priority filter; policy drop;
      \t\tcomment "flags dormant"
      \t}
      }
      """;

  @Test
  void tablesAreListedInOrder() {
    assertThat(TextListing.of(RULESET).tables())
        .containsExactly("inet ocserv", "inet foreign", "ip filter");
    assertThat(TextListing.of(RULESET).has("inet ocserv")).isTrue();
    assertThat(TextListing.of(RULESET).has("inet other")).isFalse();
  }

  @Test
  void onlyATableLevelFlagsLineMakesATableDormant() {
    TextListing listing = TextListing.of(RULESET);

    assertThat(listing.isDormant("inet ocserv")).isTrue();
    assertThat(listing.isDormant("ip filter")).isFalse();
  }

  @Test
  void aRangeOfStringsOrDormancyMarksATableNftCannotListAsJson() {
    TextListing listing = TextListing.of(RULESET);

    assertThat(listing.isUnlistable("inet foreign")).isTrue();
    assertThat(listing.isUnlistable("inet ocserv")).isFalse();
    assertThat(listing.hasUnlistable()).isTrue();
    assertThat(TextListing.of("table inet ocserv {\n}\n").hasUnlistable()).isFalse();
    assertThat(TextListing.of("table inet ocserv {\n\tflags dormant\n}\n").hasUnlistable())
        .isTrue();
  }

  @Test
  void aChainsRulesAreKeptAsNftWritesThem() {
    // As nft 1.0.6, built with libxtables, lists a rule iptables-nft made with -m conntrack.
    String docker =
        """
        table ip filter {
        \tchain DOCKER-USER {
        \t\tiifname "eth0" oifname "vpns*" ct state related,established counter packets 0 bytes 0 accept
        \t\tcounter packets 0 bytes 0 return
        \t}

        \tchain FORWARD {
        \t\ttype filter hook forward priority filter; policy drop;
        \t\tcounter packets 0 bytes 0 jump DOCKER-USER
        \t}
        }
        """;

    TextListing listing = TextListing.of(docker);

    assertThat(listing.rules("ip filter", "DOCKER-USER"))
        .containsExactly(
            "iifname \"eth0\" oifname \"vpns*\" ct state related,established counter packets 0"
                + " bytes 0 accept",
            "counter packets 0 bytes 0 return");
    assertThat(listing.rules("ip filter", "FORWARD"))
        .containsExactly("counter packets 0 bytes 0 jump DOCKER-USER");
    assertThat(listing.rules("ip filter", "INPUT")).isEmpty();
  }
}
