package io.github.ocservnat.nat;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * How init-nat was called: its mode, and each setting's text with where it was written (a flag wins
 * over the environment variable of the same setting).
 */
final class Invocation {
  /** What init-nat does. */
  enum Mode {
    APPLY(null, "switch on forwarding, put the table in place (the default)"),
    DRY_RUN("--dry-run", "print the nft script; change nothing, need no privileges"),
    CHECK("--check", "check settings and script (nftables dry run); change nothing"),
    PLAN("--plan", "print how the live table differs from the wanted one"),
    DOWN("--down", "remove the table if it is there; leave the sysctls alone"),
    VERSION("--version", "print the version"),
    HELP("--help", "print this help");

    private final String flag;
    private final String help;

    Mode(String flag, String help) {
      this.flag = flag;
      this.help = help;
    }

    String flag() {
      return flag;
    }

    String help() {
      return help;
    }
  }

  /**
   * One setting's text.
   *
   * @param origin what the user wrote it as: the variable's name or the flag
   */
  record Input(Variable variable, String text, String origin) {
    /** Returns whether it came from the command line. */
    boolean isFlag() {
      return origin.startsWith("--");
    }
  }

  private final Mode mode;
  private final Map<Variable, Input> inputs;

  private Invocation(Mode mode, Map<Variable, Input> inputs) {
    this.mode = mode;
    this.inputs = inputs;
  }

  /**
   * Reads {@code args} and the variables of {@code environment}.
   *
   * @throws ConfigException for an unknown flag, a flag without its value, a flag given twice, or
   *     two modes at once
   */
  static Invocation parse(List<String> args, Map<String, String> environment)
      throws ConfigException {
    Map<Variable, Input> inputs = new EnumMap<>(Variable.class);
    for (Variable variable : Variable.values()) {
      String text = environment.get(variable.name());
      if (text != null) {
        inputs.put(variable, new Input(variable, text, variable.name()));
      }
    }

    CommandLine line;
    try {
      line =
          DefaultParser.builder()
              .setAllowPartialMatching(false)
              .build()
              .parse(options(), args.toArray(new String[0]));
    } catch (UnrecognizedOptionException e) {
      throw new ConfigException(
          "unknown option '" + e.getOption() + "' (init-nat --help lists the options)");
    } catch (MissingArgumentException e) {
      throw new ConfigException(
          "--"
              + e.getOption().getLongOpt()
              + " needs a value (example: --"
              + e.getOption().getLongOpt()
              + "="
              + example(e.getOption().getLongOpt())
              + ")");
    } catch (AlreadySelectedException e) {
      String selected = e.getOptionGroup().getSelected();
      String first =
          e.getOptionGroup().getOptions().stream()
              .filter(option -> option.getKey().equals(selected))
              .map(Option::getLongOpt)
              .findFirst()
              .orElse(selected);
      throw new ConfigException(
          "--"
              + e.getOption().getLongOpt()
              + " and --"
              + first
              + " cannot be used together; choose one mode");
    } catch (ParseException e) {
      throw new ConfigException("cannot read the command line: " + e.getMessage());
    }
    if (!line.getArgList().isEmpty()) {
      throw new ConfigException(
          "unexpected argument '"
              + line.getArgList().get(0)
              + "'; settings are flags such as --vpn-subnet=10.10.10.0/24"
              + " (init-nat --help lists them)");
    }

    for (Variable variable : Variable.values()) {
      String name = variable.flag().substring(2);
      String[] values = line.getOptionValues(name);
      if (values == null) {
        continue;
      }
      if (values.length > 1) {
        throw new ConfigException(
            variable.flag()
                + " is given "
                + values.length
                + " times; give it once, with a list if it takes one (example: "
                + variable.flag()
                + "="
                + example(name)
                + ")");
      }
      inputs.put(variable, new Input(variable, values[0], variable.flag()));
    }

    Mode mode = Mode.APPLY;
    for (Mode candidate : Mode.values()) {
      if (candidate.flag() != null && line.hasOption(candidate.flag().substring(2))) {
        mode = candidate;
      }
    }
    if (line.hasOption("h")) {
      mode = Mode.HELP;
    }
    return new Invocation(mode, inputs);
  }

  private static String example(String flag) {
    for (Variable variable : Variable.values()) {
      if (variable.flag().equals("--" + flag)) {
        return variable.example();
      }
    }
    throw new IllegalArgumentException("no setting has flag --" + flag);
  }

  private static Options options() {
    Options options = new Options();
    OptionGroup modes = new OptionGroup();
    for (Mode mode : Mode.values()) {
      if (mode.flag() != null) {
        Option.Builder option = Option.builder(mode == Mode.HELP ? "h" : null);
        modes.addOption(option.longOpt(mode.flag().substring(2)).build());
      }
    }
    options.addOptionGroup(modes);
    for (Variable variable : Variable.values()) {
      options.addOption(Option.builder().longOpt(variable.flag().substring(2)).hasArg().build());
    }
    return options;
  }

  /** Returns the mode; {@link Mode#APPLY} unless a mode flag was given. */
  Mode mode() {
    return mode;
  }

  /** Returns the setting's text, if it was given. */
  Optional<Input> input(Variable variable) {
    return Optional.ofNullable(inputs.get(variable));
  }

  /**
   * Returns {@code environment} with the backend's settings as the flags give them, for {@code
   * NftBackends}.
   */
  Map<String, String> backendEnvironment(Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>(environment);
    for (Variable variable : List.of(Variable.NFT_BACKEND, Variable.NFT_EXECUTABLE)) {
      input(variable).ifPresent(input -> merged.put(variable.name(), input.text()));
    }
    return merged;
  }
}
