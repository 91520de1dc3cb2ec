package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The texts below are what nft 1.0.6 printed for each failure. */
class NftExceptionTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "syntax error, unexpected newline| SYNTAX",
        "Could not process rule: Operation not permitted| PERMISSION_DENIED",
        "Could not process rule: No such file or directory| NOT_FOUND",
        "Could not process rule: File exists| ALREADY_EXISTS",
        "Could not process rule: Operation not supported| NOT_SUPPORTED",
        "Could not process rule: Address family not supported by protocol| NOT_SUPPORTED",
        "Could not process rule: Device or resource busy| OTHER",
      })
  void classifiesNftErrors(String message, NftException.Kind kind) {
    String text = "Error: " + message + "\nadd table x\n^^^\n";

    NftException e = NftException.fromNftError(text);

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage())
        .isEqualTo(
            kind == NftException.Kind.PERMISSION_DENIED
                ? message + " (the process lacks CAP_NET_ADMIN in its network namespace)"
                : message);
    assertThat(e.nftError()).isEqualTo(text);
    assertThat(e.problems()).containsExactly(new NftException.Problem(message, Optional.empty()));
  }

  @Test
  void syntaxErrorHasLineColumnAndTheOffendingLine() {
    String text =
        """
        /dev/stdin:3:37-37: Error: syntax error, unexpected newline
        add rule inet a c tcp dport 22 acept
                                            ^
        """;

    NftException e = NftException.fromNftError(text);

    assertThat(e.kind()).isEqualTo(NftException.Kind.SYNTAX);
    assertThat(e.getMessage())
        .isEqualTo(
            "syntax error, unexpected newline at line 3, column 37:"
                + " add rule inet a c tcp dport 22 acept");
    assertThat(e.location())
        .contains(new NftException.Location(3, 37, 37, "add rule inet a c tcp dport 22 acept"));
    assertThat(e.nftError()).isEqualTo(text);
  }

  @Test
  void missingChainIsNotFoundAndAMissingModuleIsNotSupported() {
    String text =
        """
        /dev/stdin:4:19-23: Error: Could not process rule: No such file or directory
        add rule inet a c queue
                          ^^^^^
        /dev/stdin:5:17-23: Error: Could not process rule: No such file or directory
        add rule inet a nochain accept
                        ^^^^^^^
        """;
    String missingChain = text.substring(text.indexOf("/dev/stdin:5"));

    NftException statement = NftException.fromNftError(text);
    NftException chain = NftException.fromNftError(missingChain);

    assertThat(statement.kind()).isEqualTo(NftException.Kind.NOT_SUPPORTED);
    assertThat(statement.getMessage())
        .isEqualTo(
            "Could not process rule: No such file or directory at line 4, column 19:"
                + " add rule inet a c queue (the kernel has no support for 'queue'; load"
                + " nft_queue on the host) (and 1 more)");
    assertThat(statement.problems()).hasSize(2);
    assertThat(statement.problems().get(0).pointedAt()).isEqualTo("queue");
    assertThat(chain.kind()).isEqualTo(NftException.Kind.NOT_FOUND);
    assertThat(chain.getMessage())
        .isEqualTo(
            "Could not process rule: No such file or directory at line 5, column 17:"
                + " add rule inet a nochain accept");
  }

  @Test
  void nftsGuessAtAChainNameIsLeftOutWhereAStatementFailed() {
    String text =
        """
        /dev/stdin:4:24-28: Error: No such file or directory; did you mean chain ‘forward’ in table inet ‘kept’?
        add rule inet atomic c queue num 3
                               ^^^^^
        """;

    NftException e = NftException.fromNftError(text);

    assertThat(e.getMessage())
        .isEqualTo(
            "No such file or directory at line 4, column 24: add rule inet atomic c queue num 3"
                + " (the kernel has no support for 'queue'; load nft_queue on the host)");
    assertThat(e.nftError()).isEqualTo(text);
  }

  @Test
  void masqueradeNamesItsModules() {
    String text =
        """
        /dev/stdin:3:47-56: Error: Could not process rule: No such file or directory
        add rule inet ocserv postrouting oifname eth0 masquerade
                                                     ^^^^^^^^^^
        """;

    NftException e = NftException.fromNftError(text);

    assertThat(e.kind()).isEqualTo(NftException.Kind.NOT_SUPPORTED);
    assertThat(e.getMessage())
        .endsWith(
            "(the kernel has no support for 'masquerade'; load nft_masq, nft_chain_nat and nf_nat"
                + " on the host)");
  }

  @Test
  void aRuleThatDoesNotFitItsChainWantsNoModule() {
    // As nft 1.0.6 reports a masquerade in a filter chain: the kernel has the module, and says
    // EOPNOTSUPP for the rule, which nft marks whole.
    String block =
        """
        /tmp/bad.nft:9:3-12: Error: Could not process rule: Operation not supported
        		masquerade
        		^^^^^^^^^^
        """;
    String command =
        """
        /dev/stdin:4:1-28: Error: Could not process rule: Operation not supported
        add rule inet x f masquerade
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        """;

    NftException inBlock = NftException.fromNftError(block);
    NftException asCommand = NftException.fromNftError(command);

    assertThat(inBlock.kind()).isEqualTo(NftException.Kind.NOT_SUPPORTED);
    assertThat(inBlock.getMessage())
        .isEqualTo(
            "Could not process rule: Operation not supported at line 9, column 3: masquerade (the"
                + " kernel does not allow this rule in its chain: a statement of it needs another"
                + " chain type or hook)");
    assertThat(asCommand.getMessage())
        .isEqualTo(
            "Could not process rule: Operation not supported at line 4, column 1: add rule inet x"
                + " f masquerade (the kernel does not allow this rule in its chain: a statement of"
                + " it needs another chain type or hook)");
  }

  @Test
  void aRefusalOfJsonInputSaysThatNftNamesNoCommand() {
    // nft 1.0.6 repeats the kernel's error for each rule after the refused one.
    String text =
        """
        internal:0:0-0: Error: Could not process rule: Operation not supported

        internal:0:0-0: Error: Could not process rule: Operation not supported

        """;

    NftException e = NftException.fromNftError(text);

    assertThat(e.kind()).isEqualTo(NftException.Kind.NOT_SUPPORTED);
    assertThat(e.getMessage())
        .isEqualTo(
            "Could not process rule: Operation not supported (the input was JSON, for which nft"
                + " names no command) (and 1 more)");
  }

  @Test
  void aStatementInATableBlockIsAMissingModuleToo() {
    // As nft 1.0.6 reports a rule of a table block whose statement the kernel lacks.
    String text =
        """
        /tmp/q.nft:4:19-23: Error: Could not process rule: No such file or directory
        		iifname "vpns*" queue num 1
        		                ^^^^^
        """;

    NftException e = NftException.fromNftError(text);

    assertThat(e.kind()).isEqualTo(NftException.Kind.NOT_SUPPORTED);
    assertThat(e.getMessage())
        .isEqualTo(
            "Could not process rule: No such file or directory at line 4, column 19: iifname"
                + " \"vpns*\" queue num 1 (the kernel has no support for 'queue'; load"
                + " nft_queue on the host)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        """
        /tmp/q.nft:3:36-42: Error: Could not process rule: No such file or directory
        add rule inet t c iifname "x" jump nochain
                                           ^^^^^^^
        """,
        """
        /tmp/q.nft:4:24-30: Error: Could not process rule: No such file or directory
        		iifname "vpns*" jump nochain
        		                     ^^^^^^^
        """
      })
  void aJumpToAMissingChainIsNotFound(String text) {
    assertThat(NftException.fromNftError(text).kind()).isEqualTo(NftException.Kind.NOT_FOUND);
  }

  @Test
  void linesBeforeTheErrorStayInNftsText() {
    String text =
        """
        Operation not permitted (you must be root)
        netlink: Error: cache initialization failed: Operation not permitted
        """;

    NftException e = NftException.fromNftError(text);

    assertThat(e.kind()).isEqualTo(NftException.Kind.PERMISSION_DENIED);
    assertThat(e.getMessage())
        .isEqualTo(
            "cache initialization failed: Operation not permitted (the process lacks CAP_NET_ADMIN"
                + " in its network namespace)");
    assertThat(e.nftError()).isEqualTo(text);
  }

  @Test
  void textWithoutAnErrorLineIsSummarisedByItsFirstLine() {
    assertThat(NftException.fromNftError("something odd\nmore\n").getMessage())
        .isEqualTo("something odd");
    assertThat(NftException.fromNftError("").getMessage())
        .isEqualTo("nft failed without a message");
    assertThat(NftException.fromNftError("").problems()).isEqualTo(List.of());
  }

  @Test
  void jsonInputHasNoLineAndLongLinesAreCut() {
    String json =
        """
        /dev/stdin:0:0-0: Error: syntax error, unexpected junk
        {"nftables": [%s]}

        """
            .formatted("1, ".repeat(100));
    String longLine = "add rule inet t c " + "ip saddr 192.0.2.1 ".repeat(20);
    String text = "/dev/stdin:1:1-3: Error: Could not process rule: Invalid argument\n" + longLine;

    NftException jsonError = NftException.fromNftError(json);
    NftException longError = NftException.fromNftError(text + "\n^^^\n");

    assertThat(jsonError.getMessage()).isEqualTo("syntax error, unexpected junk");
    assertThat(jsonError.location()).isEmpty();
    assertThat(longError.getMessage())
        .hasSize("Could not process rule: Invalid argument at line 1, column 1: ".length() + 200)
        .endsWith("...");
    assertThat(longError.location().orElseThrow().sourceLine()).isEqualTo(longLine);
  }
}
