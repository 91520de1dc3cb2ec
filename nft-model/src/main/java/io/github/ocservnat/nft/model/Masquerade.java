package io.github.ocservnat.nft.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Source NAT to the address of the interface the packet leaves on, picked anew for each connection,
 * so it follows a dynamic uplink address. Allowed only in a {@link ChainType#NAT} chain on the
 * {@link Hook#POSTROUTING} hook; the kernel needs nft_masq (and, in an inet table, Linux 5.2 or
 * later).
 *
 * @param ports the source ports to use, if limited; needs a TCP or UDP match before it
 * @param flags how ports are picked
 */
public record Masquerade(Optional<Range> ports, Set<NatFlag> flags) implements Statement {
  /**
   * Checks the ports and copies the flags.
   *
   * @throws InvalidValueException if {@code ports} is not a port range
   */
  public Masquerade {
    Objects.requireNonNull(ports, "ports");
    if (ports.isPresent() && ports.get().datatype() != Datatype.INET_SERVICE) {
      throw new InvalidValueException(
          "masquerade ports", NftText.value(ports.get()), "is not a port range", "1024-65535");
    }
    flags =
        Collections.unmodifiableSet(
            flags.isEmpty() ? EnumSet.noneOf(NatFlag.class) : EnumSet.copyOf(flags));
  }

  /** Returns a plain {@code masquerade}. */
  public Masquerade() {
    this(Optional.empty(), Set.of());
  }

  /** Returns {@code masquerade to :low-high}. */
  public static Masquerade toPorts(int low, int high) {
    return new Masquerade(Optional.of(Range.ports(low, high)), Set.of());
  }

  /** Returns this masquerade with {@code flags} as well. */
  public Masquerade with(NatFlag... more) {
    EnumSet<NatFlag> all = EnumSet.noneOf(NatFlag.class);
    all.addAll(flags);
    all.addAll(Set.of(more));
    return new Masquerade(ports, all);
  }

  @Override
  public boolean isTerminal() {
    return true;
  }
}
