package io.github.ocservnat.nft.model;

/**
 * The right-hand side of a {@link Match}, an element of a set, or the argument of a statement: an
 * address, a port, a name, a set of flags, or a set of such values.
 */
public sealed interface Value
    permits InterfaceName,
        IpPrefix,
        Port,
        Mark,
        L4Proto,
        NfProto,
        FlagSet,
        Range,
        AnonymousSet,
        SetReference,
        Concat {
  /**
   * Returns the type of the value, or {@code null} for a {@link SetReference}, whose type is that
   * of the set it names.
   */
  Datatype datatype();
}
