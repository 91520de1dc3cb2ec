package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A chain: an ordered list of rules. A base chain ({@link #base()} present) is attached to a hook
 * and sees packets; a regular chain is reached only by a jump or goto.
 */
public final class Chain {
  private final String name;
  private final BaseChain base;
  private final ImmutableList<Rule> rules;

  private Chain(Builder builder) {
    this.name = builder.name;
    this.base = builder.base;
    this.rules = builder.rules.build();
  }

  /**
   * Starts a chain named {@code name}.
   *
   * @throws InvalidValueException if nft cannot take {@code name} as a chain name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Returns the chain's name, unique within its table. */
  public String name() {
    return name;
  }

  /** Returns the hook, type, priority and policy if this is a base chain. */
  public Optional<BaseChain> base() {
    return Optional.ofNullable(base);
  }

  /** Returns the rules in the order packets meet them. */
  public List<Rule> rules() {
    return rules;
  }

  /** Returns a builder holding this chain's parts. */
  public Builder toBuilder() {
    Builder builder = new Builder(name);
    builder.base = base;
    builder.rules.addAll(rules);
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Chain that
        && name.equals(that.name)
        && Objects.equals(base, that.base)
        && rules.equals(that.rules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, base, rules);
  }

  /** Returns the script text; rules with a statement that has no text form show as JSON. */
  @Override
  public String toString() {
    try {
      return NftText.chain(this);
    } catch (IllegalArgumentException e) {
      return "chain "
          + name
          + " { "
          + rules.stream().map(NftText::describe).collect(Collectors.joining("; "))
          + " }";
    }
  }

  /** Returns why the kernel would refuse {@code statement} in this chain, or null. */
  private String refusal(Statement statement) {
    if (base == null) {
      // A regular chain runs on whatever hook jumps to it; the kernel checks at the jump.
      return null;
    }
    Hook hook = base.hook();
    boolean nat = base.type() == ChainType.NAT;
    if (statement instanceof Masquerade && !(nat && hook == Hook.POSTROUTING)) {
      return "masquerades outside a nat chain on the postrouting hook, which the kernel refuses";
    }
    if (statement instanceof Nat n) {
      boolean fits =
          n.type() == Nat.Type.SNAT
              ? hook == Hook.POSTROUTING || hook == Hook.INPUT
              : hook == Hook.PREROUTING || hook == Hook.OUTPUT;
      if (!(nat && fits)) {
        return n.type() == Nat.Type.SNAT
            ? "does snat outside a nat chain on postrouting or input, which the kernel refuses"
            : "does dnat outside a nat chain on prerouting or output, which the kernel refuses";
      }
    }
    if (statement instanceof Reject && (nat || hook == Hook.POSTROUTING)) {
      return "rejects in a "
          + base.type().keyword()
          + " chain on the "
          + hook.keyword()
          + " hook, which the kernel refuses; reject in a filter chain on input, forward or"
          + " output";
    }
    if (statement instanceof MssClamp clamp
        && clamp.size().isEmpty()
        && hook != Hook.FORWARD
        && hook != Hook.OUTPUT
        && hook != Hook.POSTROUTING) {
      return "clamps to the route MTU on the "
          + hook.keyword()
          + " hook, which has no route; use forward, output or postrouting";
    }
    return null;
  }

  /** Collects the parts of a {@link Chain}. */
  public static final class Builder {
    private final String name;
    private BaseChain base;
    private final ImmutableList.Builder<Rule> rules = ImmutableList.builder();

    private Builder(String name) {
      this.name = Names.checkIdentifier("chain name", Objects.requireNonNull(name, "name"));
    }

    /** Makes the chain a base chain; by default it is a regular chain. */
    public Builder base(BaseChain base) {
      this.base = Objects.requireNonNull(base, "base");
      return this;
    }

    /** Makes the chain a base chain with policy accept. */
    public Builder base(ChainType type, Hook hook, Priority priority) {
      return base(BaseChain.of(type, hook, priority));
    }

    /** Appends a rule. */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Appends a rule made of {@code statements}. */
    public Builder rule(Statement... statements) {
      return rule(Rule.of(statements));
    }

    /**
     * Builds the chain.
     *
     * @throws InvalidValueException if a rule masquerades outside a nat chain on the postrouting
     *     hook
     */
    public Chain build() {
      Chain chain = new Chain(this);
      for (Rule rule : chain.rules) {
        for (Statement statement : rule.statements()) {
          String refusal = chain.refusal(statement);
          if (refusal != null) {
            throw new InvalidValueException("chain " + name, NftText.rule(rule), refusal);
          }
        }
      }
      return chain;
    }
  }
}
