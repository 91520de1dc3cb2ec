package io.github.ocservnat.nft.model;

import java.util.Objects;

/**
 * What makes a chain a base chain: it is attached to a netfilter hook and sees packets there.
 *
 * @param type what its rules may do
 * @param hook where in the packet path it is attached
 * @param priority its order among the chains on the same hook
 * @param policy what happens to a packet no rule decided about
 */
public record BaseChain(ChainType type, Hook hook, Priority priority, Policy policy) {
  /**
   * Checks that the parts fit together.
   *
   * @throws InvalidValueException for a NAT chain on a hook where NAT cannot happen
   */
  public BaseChain {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(policy, "policy");
    if (type == ChainType.ROUTE && hook != Hook.OUTPUT) {
      throw new InvalidValueException(
          "hook", hook.keyword(), "cannot carry a route chain (route chains are on output only)");
    }
    if (hook == Hook.INGRESS || hook == Hook.EGRESS) {
      throw new InvalidValueException(
          "hook",
          hook.keyword(),
          "needs a device to attach to, which this model does not express yet");
    }
    if (type == ChainType.NAT
        && hook != Hook.PREROUTING
        && hook != Hook.INPUT
        && hook != Hook.OUTPUT
        && hook != Hook.POSTROUTING) {
      throw new InvalidValueException(
          "hook",
          hook.keyword(),
          "cannot carry a nat chain (use prerouting, input, output or postrouting)");
    }
  }

  /** Returns a base chain with policy accept. */
  public static BaseChain of(ChainType type, Hook hook, Priority priority) {
    return new BaseChain(type, hook, priority, Policy.ACCEPT);
  }
}
