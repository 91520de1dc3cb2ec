package io.github.ocservnat.nft.model;

/** The right-hand side of a {@link Match}: what the packet's expression is compared with. */
public sealed interface Value permits InterfaceName, IpPrefix, CtStates {}
