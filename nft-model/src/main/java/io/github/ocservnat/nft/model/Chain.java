package io.github.ocservnat.nft.model;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  @Override
  public String toString() {
    return NftText.chain(this);
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
      boolean natPostrouting =
          base != null && base.type() == ChainType.NAT && base.hook() == Hook.POSTROUTING;
      for (Rule rule : chain.rules) {
        if (rule.masquerades() && !natPostrouting) {
          throw new InvalidValueException(
              "chain " + name,
              NftText.rule(rule),
              "masquerades outside a nat chain on the postrouting hook, which the kernel"
                  + " refuses");
        }
      }
      return chain;
    }
  }
}
