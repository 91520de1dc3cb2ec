package io.github.ocservnat.nft.model;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network in prefix notation, such as {@code 10.10.10.0/24} or {@code
 * 2001:db8::/32}.
 *
 * <p>Only address literals are accepted: nothing is ever resolved through DNS. A prefix whose host
 * bits are set ({@code 10.10.10.1/24}) is refused with its normalised form in the message, never
 * silently changed. IPv6 addresses are kept in their canonical RFC 5952 form, as nft prints them.
 */
public final class IpPrefix implements Value {
  private static final String FIELD = "prefix";
  private static final String EXAMPLE = "10.10.10.0/24";

  /** The longest IPv6 address in text, with an IPv4 tail, and {@code /128}. */
  private static final int MAX_TEXT = 45 + 4;

  private final InetAddress address;
  private final int length;

  private IpPrefix(InetAddress address, int length) {
    this.address = address;
    this.length = length;
  }

  /**
   * Parses {@code address/length}; white space around it is ignored.
   *
   * @throws InvalidValueException if the text is not an address literal with a prefix length in
   *     range, or if it has host bits set
   */
  public static IpPrefix parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    if (trimmed.isEmpty()) {
      throw new InvalidValueException(FIELD, text, "is empty", EXAMPLE);
    }
    if (trimmed.length() > MAX_TEXT) {
      throw new InvalidValueException(FIELD, text, "is too long for an IP prefix");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new InvalidValueException(
            FIELD,
            text,
            String.format(
                "contains U+%04X; a prefix is written in ASCII digits, '.', ':' and '/'", (int) c),
            EXAMPLE);
      }
    }
    if (slash < 0) {
      parseAddress(text, trimmed);
      throw new InvalidValueException(FIELD, text, "has no prefix length", EXAMPLE);
    }

    String addressText = trimmed.substring(0, slash);
    String lengthText = trimmed.substring(slash + 1);
    InetAddress address = parseAddress(text, addressText);
    int maxLength = address.getAddress().length * 8;
    int length = parseLength(text, lengthText, maxLength);
    IpPrefix prefix = new IpPrefix(address, length);
    IpPrefix network = prefix.network();
    if (!network.equals(prefix)) {
      throw new InvalidValueException(
          FIELD, text, "has host bits set (did you mean " + network.keyword() + "?)");
    }
    return prefix;
  }

  private static InetAddress parseAddress(String text, String addressText) {
    // Guava's parser never consults DNS, unlike InetAddress.getByName.
    if (addressText.indexOf('%') >= 0 || !InetAddresses.isInetAddress(addressText)) {
      throw new InvalidValueException(
          FIELD,
          text,
          "is not an IP prefix: '" + addressText + "' is not an IPv4 or IPv6 address",
          EXAMPLE);
    }
    InetAddress address = InetAddresses.forString(addressText);
    if (address instanceof Inet4Address && addressText.indexOf(':') >= 0) {
      throw new InvalidValueException(
          FIELD, text, "is an IPv4-mapped IPv6 address; write the IPv4 prefix instead");
    }
    return address;
  }

  private static int parseLength(String text, String lengthText, int maxLength) {
    if (lengthText.matches("0[0-9]+")) {
      throw new InvalidValueException(
          FIELD,
          text,
          "has prefix length '"
              + lengthText
              + "' with a leading zero; write "
              + lengthText.replaceFirst("^0+(?=.)", ""));
    }
    if (!lengthText.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(lengthText) > maxLength) {
      throw new InvalidValueException(
          FIELD,
          text,
          "has prefix length '"
              + lengthText
              + "'; it must be a number from 0 to "
              + maxLength
              + " for "
              + (maxLength == 32 ? "IPv4" : "IPv6"));
    }
    return Integer.parseInt(lengthText);
  }

  /** Returns the single address {@code address}, as a /32 or /128 prefix. */
  public static IpPrefix host(String address) {
    IpPrefix prefix =
        parse(
            address.indexOf('/') < 0
                ? address + "/" + (address.indexOf(':') < 0 ? 32 : 128)
                : address);
    if (!prefix.isHost()) {
      throw new InvalidValueException(FIELD, address, "is a network, not a single address");
    }
    return prefix;
  }

  @Override
  public Datatype datatype() {
    return isIpv4() ? Datatype.IPV4_ADDR : Datatype.IPV6_ADDR;
  }

  /** Returns whether this is a single address: a /32 or a /128. */
  public boolean isHost() {
    return length == address.getAddress().length * 8;
  }

  /** Returns whether this is an IPv4 prefix. */
  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  /** Returns the network address, with all host bits clear. */
  public InetAddress address() {
    return address;
  }

  /** Returns the prefix length: 0 to 32 for IPv4, 0 to 128 for IPv6. */
  public int length() {
    return length;
  }

  /**
   * Returns the prefix whose network is {@code first} and whose last address is {@code last}, or
   * null if no prefix spans exactly that range.
   */
  static IpPrefix spanning(IpPrefix first, IpPrefix last) {
    byte[] a = first.address.getAddress();
    byte[] b = last.address.getAddress();
    if (a.length != b.length) {
      return null;
    }
    for (int length = 0; length <= a.length * 8; length++) {
      IpPrefix candidate = new IpPrefix(first.address, length).network();
      if (candidate.address.equals(first.address) && candidate.lastAddressEquals(b)) {
        return candidate;
      }
    }
    return null;
  }

  private boolean lastAddressEquals(byte[] last) {
    byte[] bytes = address.getAddress();
    for (int bit = length; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    return Arrays.equals(bytes, last);
  }

  /** Returns whether {@code other} lies entirely inside this network. */
  public boolean contains(IpPrefix other) {
    return isIpv4() == other.isIpv4()
        && other.length >= length
        && new IpPrefix(other.address, length).network().equals(this);
  }

  private IpPrefix network() {
    byte[] bytes = address.getAddress();
    for (int bit = length; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    try {
      // From raw bytes: no name service is involved.
      return new IpPrefix(InetAddress.getByAddress(bytes), length);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }

  /**
   * Returns the prefix as nft writes it: {@code 10.10.10.0/24}, {@code fda9:4efe:7e3b:3ea::/64},
   * and a single host ({@code /32}, {@code /128}) as the bare address.
   */
  public String keyword() {
    String text = InetAddresses.toAddrString(address);
    return isHost() ? text : text + "/" + length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpPrefix that
        && length == that.length
        && Arrays.equals(address.getAddress(), that.address.getAddress());
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address.getAddress()) + length;
  }

  @Override
  public String toString() {
    return keyword();
  }
}
