package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ocservnat.it.Command;
import io.github.ocservnat.it.HostState;
import io.github.ocservnat.it.KernelAccess;
import io.github.ocservnat.it.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The model against a real nft and kernel, in a network namespace made for these properties: random
 * valid tables render to text and to JSON that nft accepts, and what nft lists after applying
 * either reads back equal to the model.
 */
@AddLifecycleHook(KernelProperties.class)
class NftModelKernelProperties {
  private static NetworkNamespace namespace;
  private static HostState host;
  private static Path scripts;

  @BeforeContainer
  static void namespace() throws IOException {
    KernelAccess.require(KernelAccess.missing());
    host = HostState.capture();
    namespace = NetworkNamespace.create();
    scripts = Files.createTempDirectory("ocserv-nat-properties");
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    if (namespace != null) {
      namespace.close();
      try (var files = Files.list(scripts)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(scripts);
      assertThat(HostState.capture()).isEqualTo(host);
    }
  }

  /** Each try starts from an empty ruleset, whatever the one before it left. */
  @BeforeTry
  void emptyRuleset() {
    namespace.nft("flush", "ruleset");
  }

  @Provide
  Arbitrary<Table> tables() {
    return RandomTables.tables();
  }

  /** Runs nft in the namespace on {@code script}, failing with nft's words if it refuses. */
  private static String nft(String script, String... options) throws IOException {
    Path file = Files.createTempFile(scripts, "script", ".nft");
    Files.writeString(file, script);
    List<String> argv =
        new java.util.ArrayList<>(List.of("ip", "netns", "exec", namespace.name(), "nft"));
    argv.addAll(List.of(options));
    argv.addAll(List.of("-f", file.toString()));
    Command.Result result = Command.run(argv);
    Files.delete(file);
    if (result.exit() != 0) {
      throw new AssertionError("nft refused:\n" + result.err() + "\nscript:\n" + script);
    }
    return result.out();
  }

  private static Table listed(Table table) {
    String json = namespace.nft("-j", "list", "table", table.family().keyword(), table.name());
    return NftJsonReader.table(json, table.family(), table.name()).orElseThrow();
  }

  @Property(tries = 60)
  void textIsAcceptedAndReadsBackEqual(@ForAll("tables") Table table) throws IOException {
    Transaction add = Transaction.builder().add(table).build();

    nft(NftText.transaction(add), "-c");
    nft(NftText.transaction(add));

    assertThat(listed(table)).isEqualTo(table);
  }

  @Property(tries = 60)
  void jsonIsAcceptedAndReadsBackEqual(@ForAll("tables") Table table) throws IOException {
    Transaction add = Transaction.builder().add(table).build();

    nft(NftJson.transaction(add), "-j", "-c");
    nft(NftJson.transaction(add), "-j");
    Table back = listed(table);

    assertThat(back).isEqualTo(table);
    assertThat(NftJsonReader.table(NftJson.table(back), table.family(), table.name()))
        .contains(table);
  }

  @Property(tries = 20)
  void interfaceNamesTheModelTakesNftTakesToo(@ForAll("interfaceNames") List<InterfaceName> names)
      throws IOException {
    Chain.Builder chain = Chain.builder("c");
    names.forEach(name -> chain.rule(Match.iifname(name), Verdict.ACCEPT));
    Table table = Table.builder(Family.INET, "names").chain(chain.build()).build();

    nft(NftText.transaction(Transaction.builder().add(table).build()), "-c");
  }

  @Provide
  Arbitrary<List<InterfaceName>> interfaceNames() {
    return RandomTables.interfaceNames(true).list().ofMinSize(1).ofMaxSize(50);
  }
}
