package io.github.ocservnat.nft.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "list ruleset",
        " list tables ",
        "list table inet ocserv",
        "list chain inet ocserv forward",
        "list set inet ocserv clients",
        "list counters"
      })
  void listingsPass(String command) {
    assertThat(Scripts.listing(command)).isEqualTo(command.strip());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "flush ruleset",
        "list tables; flush ruleset",
        "list tables\nadd table inet injected",
        "list hooks",
        "list ruleset\r\nflush ruleset"
      })
  void anythingElseIsRefused(String command) {
    assertThatThrownBy(() -> Scripts.listing(command))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "command: '"
                + command
                + "' is not one listing of the ruleset or its objects (example: list ruleset)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"monitor", "add table inet t; monitor trace", "\n  monitor ruleset\n"})
  void monitorIsRefused(String script) {
    assertThatThrownBy(() -> Scripts.check(script))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "script: 'monitor' never returns, and would hold the backend for good; run nft monitor"
                + " as a process of its own");
  }

  @ParameterizedTest
  @ValueSource(strings = {"add table inet monitoring", "add rule inet t c comment \"monitor\""})
  void theWordElsewhereIsNotACommand(String script) {
    assertThat(Scripts.check(script)).isEqualTo(script);
  }

  @ParameterizedTest
  @ValueSource(strings = {"add table inet n1\n\0add table inet n2\n"})
  void nulIsRefused(String script) {
    assertThatThrownBy(() -> Scripts.check(script))
        .hasMessage(
            "script: holds a NUL character at offset 18; nft would read only what comes before"
                + " it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"include \"/etc/nftables.conf\"", "add table inet t; include \"x\""})
  void backendsTakeNoInclude(String script) {
    assertThat(Scripts.checkRaw(script)).isEqualTo(script);
    assertThat(Scripts.includes(script)).isEqualTo(1);
    assertThatThrownBy(() -> Scripts.check(script))
        .hasMessage(
            "script: 'include' is not taken by a backend, whose scripts must hold everything they"
                + " run; put the included text in the script");
  }
}
