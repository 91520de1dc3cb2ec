package io.github.ocservnat.nft.model;

/**
 * One statement of a rule. The statements of a rule run left to right; a {@link Match} that fails
 * ends the rule for that packet, and a terminal statement ({@link Verdict}, {@link Reject}, {@link
 * Masquerade}, {@link Nat}) decides its fate.
 */
public sealed interface Statement
    permits Match,
        Verdict,
        Reject,
        Masquerade,
        Nat,
        Counter,
        Log,
        Limit,
        MssClamp,
        MarkSet,
        RawStatement {
  /** Returns whether no statement can follow this one in a rule. */
  default boolean isTerminal() {
    return false;
  }
}
