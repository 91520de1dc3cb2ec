package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text reaches the model, it either becomes a value that renders back to text the model
 * reads the same way, or it is refused with an {@link InvalidValueException} in the one message
 * style: the field, the value in quotes, what is wrong. Nothing else escapes.
 */
class InvalidInputProperties {
  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.strings().withChars("0123456789abcdef.:/%*+@\" -\\").ofMaxLength(45),
        Arbitraries.strings().ascii().ofMaxLength(20));
  }

  private static <T> void refusedInStyle(String field, String text, Function<String, T> parse) {
    Throwable thrown = catchThrowable(() -> parse.apply(text));

    if (thrown != null) {
      assertThat(thrown).isInstanceOf(InvalidValueException.class);
      assertThat(thrown.getMessage()).startsWith(field + ": '");
      assertThat(((InvalidValueException) thrown).field()).isEqualTo(field);
    }
  }

  @Property(tries = 2000)
  void prefixesParseOrAreRefused(@ForAll("text") String text) {
    refusedInStyle("prefix", text, IpPrefix::parse);
  }

  @Property(tries = 2000)
  void parsedPrefixesReadBackTheSame(@ForAll("text") String text) {
    IpPrefix prefix;
    try {
      prefix = IpPrefix.parse(text);
    } catch (InvalidValueException refused) {
      return;
    }
    String rendered =
        prefix.isHost() ? prefix.keyword() + "/" + (prefix.isIpv4() ? 32 : 128) : prefix.keyword();

    assertThat(IpPrefix.parse(rendered)).isEqualTo(prefix);
  }

  @Property(tries = 2000)
  void interfaceNamesParseOrAreRefused(@ForAll("text") String text) {
    refusedInStyle("interface name", text, InterfaceName::parse);
  }

  @Property(tries = 2000)
  void parsedInterfaceNamesAreSafeInBothFormats(@ForAll("text") String text) {
    InterfaceName name;
    try {
      name = InterfaceName.parse(text);
    } catch (InvalidValueException refused) {
      return;
    }

    assertThat(name.keyword()).doesNotContain("\"", "\\", " ").doesNotStartWith("@");
    assertThat(NftText.value(name)).isEqualTo('"' + name.keyword() + '"');
    assertThat(InterfaceName.parse(name.keyword())).isEqualTo(name);
  }

  @Property(tries = 2000)
  void namesParseOrAreRefused(@ForAll("text") String text) {
    refusedInStyle("table name", text, name -> Table.builder(Family.INET, name));
    refusedInStyle("chain name", text, Chain::builder);
    refusedInStyle("set name", text, SetReference::to);
  }

  @Property(tries = 500)
  void commentsAreQuotableOrRefused(@ForAll("text") String text) {
    Throwable thrown = catchThrowable(() -> Rule.of(Verdict.ACCEPT).withComment(text));

    if (thrown == null) {
      assertThat(text).doesNotContain("\"").doesNotContain("\n").doesNotContain("\u0000");
    } else {
      assertThat(thrown).hasMessageStartingWith("rule comment: '");
    }
  }
}
