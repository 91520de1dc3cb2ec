package io.github.ocservnat.nat;

import io.github.ocservnat.nft.model.InterfaceName;
import io.github.ocservnat.nft.model.InvalidValueException;
import io.github.ocservnat.nft.model.IpPrefix;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What init-nat takes from ocserv's configuration file: the networks ocserv leases to VPN clients,
 * which init-nat masquerades, and the tunnel device name, whose interfaces it forwards.
 *
 * <p>The file is read the way ocserv 1.x reads it (its bundled inih parser, as ocserv configures
 * it), so that init-nat sees the same settings ocserv uses:
 *
 * <ul>
 *   <li>A setting is {@code key = value}; {@code key: value} works too. White space (spaces, tabs)
 *       around the separator and at both ends is ignored, and so are double quotes around the
 *       value. Keys are case-sensitive. A {@code #} after white space starts a comment.
 *   <li>A line whose first non-blank character is {@code #} or {@code ;} is a comment; blank lines
 *       are ignored; Windows line endings, a missing final newline and a UTF-8 byte order mark are
 *       accepted.
 *   <li>An indented line after a setting is, to ocserv, more of that setting's value, not a setting
 *       or a section header of its own. Where the setting is one read here, or the line looks like
 *       one or like a header, that is an error, since the file would mean one thing to a reader and
 *       another to ocserv; elsewhere the line is ignored.
 *   <li>{@code [vhost:NAME]} starts a virtual host section, which lasts until the next header; a
 *       second section of the same name continues the first. Any other header starts a section
 *       ocserv skips with a warning: its settings are skipped here too, and the warning is in
 *       {@link #warnings()}. A header without {@code ]}, a virtual host without a name and a line
 *       that is neither a comment, a header nor a setting are errors, as they are to ocserv.
 *   <li>Only {@code ipv4-network}, {@code ipv4-netmask}, {@code ipv6-network}, {@code ipv6-prefix}
 *       and {@code device} are read; every other key is ignored.
 *   <li>Where one of these keys appears more than once in a section, the last one counts, as in
 *       ocserv; every one of them must still be valid where it stands.
 *   <li>Each section leases its own networks: a virtual host inherits neither network nor netmask
 *       nor prefix length from the global section, as in ocserv. {@code ipv4-network} is a prefix
 *       ({@code 192.168.1.0/24}) or an address with {@code ipv4-netmask} in the same section; where
 *       both a prefix and a netmask are given they must agree. {@code ipv6-network} is a prefix or
 *       an address with {@code ipv6-prefix} (11 to 128, as ocserv accepts) in the same section,
 *       with the same rule. A netmask or prefix length without a network is ignored.
 *   <li>A network must not have host bits set (ocserv would silently clear them; here the message
 *       names the network meant), must not be {@code /0}, and must not overlap addresses the kernel
 *       never forwards: 0.0.0.0/8, 127.0.0.0/8, 224.0.0.0/4, 255.255.255.255, ::, ::1, fe80::/10
 *       (link-local) and ff00::/8, since such traffic is never masqueraded.
 *   <li>{@code device} is global: ocserv ignores it in a virtual host with a warning, and so does
 *       this reader. ocserv numbers the tunnels after it ({@code vpns} gives vpns0, vpns1 ...), so
 *       it is read as an interface prefix of at most {@value InterfaceName#MAX_PREFIX_LENGTH}
 *       bytes.
 * </ul>
 *
 * <p>The reader does not check what ocserv requires but init-nat does not need: a file without a
 * network or a device is read as one with empty lists and no device, and the caller decides.
 *
 * <p>Every message starts with where the value was found, as {@link Setting#origin()} does, then
 * names the key, shows the value and says what would be right: {@code /etc/ocserv/ocserv.conf:43:
 * ipv4-network '@VPNNET@' is not an IPv4 address or prefix (example: ipv4-network =
 * 192.168.1.0/24)}.
 */
public final class OcservConfig {
  private static final String IPV4_NETWORK = "ipv4-network";
  private static final String IPV4_NETMASK = "ipv4-netmask";
  private static final String IPV6_NETWORK = "ipv6-network";
  private static final String IPV6_PREFIX = "ipv6-prefix";
  private static final String DEVICE = "device";
  private static final Set<String> KEYS =
      Set.of(IPV4_NETWORK, IPV4_NETMASK, IPV6_NETWORK, IPV6_PREFIX, DEVICE);

  private static final String IPV4_EXAMPLE = "192.168.1.0/24";
  private static final String IPV6_EXAMPLE = "fda9:4efe:7e3b:3ea::/64";
  private static final String NETMASK_EXAMPLE = "255.255.255.0";
  private static final String IPV6_PREFIX_EXAMPLE = "64";
  private static final String DEVICE_EXAMPLE = "vpns";

  /** Larger than any ocserv configuration: its sample, with every comment, is 40 KB. */
  private static final long MAX_SIZE = 4L << 20;

  private static final String HEADER_EXAMPLE = "[vhost:vpn.example.com]";
  private static final String VHOST = "vhost:";

  /** ocserv refuses an {@code ipv6-prefix} outside this range. */
  private static final int MIN_IPV6_PREFIX = 11;

  private static final String COVERS_ALL =
      "covers every address; masquerading it would rewrite all traffic leaving the uplink, not"
          + " just the VPN clients'";

  /** Addresses the kernel never forwards, so that init-nat could never masquerade them. */
  private static final List<Reserved> NEVER_FORWARDED =
      List.of(
          new Reserved("the this-network block", IpPrefix.parse("0.0.0.0/8")),
          new Reserved("the loopback block", IpPrefix.parse("127.0.0.0/8")),
          new Reserved("the multicast block", IpPrefix.parse("224.0.0.0/4")),
          new Reserved("the broadcast address", IpPrefix.host("255.255.255.255")),
          new Reserved("the unspecified address", IpPrefix.host("::")),
          new Reserved("the loopback address", IpPrefix.host("::1")),
          new Reserved("the link-local block", IpPrefix.parse("fe80::/10")),
          new Reserved("the multicast block", IpPrefix.parse("ff00::/8")));

  private final List<Setting<IpPrefix>> ipv4Networks;
  private final List<Setting<IpPrefix>> ipv6Networks;
  private final Optional<Setting<InterfaceName>> device;
  private final List<String> warnings;
  private final Optional<String> ipv6Problem;

  private OcservConfig(
      List<Setting<IpPrefix>> ipv4Networks,
      List<Setting<IpPrefix>> ipv6Networks,
      Optional<Setting<InterfaceName>> device,
      List<String> warnings,
      Optional<String> ipv6Problem) {
    this.ipv4Networks = List.copyOf(ipv4Networks);
    this.ipv6Networks = List.copyOf(ipv6Networks);
    this.device = device;
    this.warnings = List.copyOf(warnings);
    this.ipv6Problem = ipv6Problem;
  }

  /**
   * Reads ocserv's configuration file. Bytes that are not UTF-8 are read as U+FFFD; they can only
   * matter in a value, which they make invalid.
   *
   * @param file the file, such as {@code /etc/ocserv/ocserv.conf}; its name starts every message
   *     and origin
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the file cannot be read
   * @throws ConfigException if a value init-nat reads is not usable, as described above
   */
  public static OcservConfig read(Path file) throws IOException, ConfigException {
    Objects.requireNonNull(file, "file");
    // A device or a pipe would never end, or end only when memory does.
    if (Files.exists(file) && !Files.isDirectory(file) && !Files.isRegularFile(file)) {
      throw new ConfigException(
          file
              + ": is not a regular file; name ocserv's configuration file (example:"
              + " /etc/ocserv/ocserv.conf)");
    }
    long size = Files.isRegularFile(file) ? Files.size(file) : 0;
    if (size > MAX_SIZE) {
      throw new ConfigException(
          file
              + ": is "
              + size
              + " bytes long, more than any ocserv configuration ("
              + MAX_SIZE
              + " at most); is it the right file?");
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    return parse(text, file.toString());
  }

  /**
   * Reads the text of an ocserv configuration file.
   *
   * @param source names the file in messages and origins, such as {@code /etc/ocserv/ocserv.conf}
   * @throws ConfigException if a value init-nat reads is not usable, as described above
   */
  public static OcservConfig parse(String text, String source) throws ConfigException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    return new Reader(source).read(text);
  }

  /**
   * Returns the IPv4 networks ocserv leases from: the global section's first, then each virtual
   * host's, in the order the hosts first appear. Two sections that lease the same network give two
   * entries; the caller removes duplicates.
   */
  public List<Setting<IpPrefix>> ipv4Networks() {
    return ipv4Networks;
  }

  /**
   * Returns the IPv6 networks ocserv leases from, in the order of {@link #ipv4Networks()}; without
   * the network of a section whose IPv6 values are not usable ({@link #ipv6Problem()}).
   */
  public List<Setting<IpPrefix>> ipv6Networks() {
    return ipv6Networks;
  }

  /**
   * Returns why the first unusable {@code ipv6-network} or {@code ipv6-prefix} is not usable, in
   * the words a {@link ConfigException} would have; empty if all are usable. IPv6 values are not
   * refused outright, since a VPN that masquerades no IPv6 does not need them (ocserv's own test
   * configurations lease {@code fe80::}).
   */
  public Optional<String> ipv6Problem() {
    return ipv6Problem;
  }

  /**
   * Returns the tunnel interfaces as a prefix wildcard, {@code vpns*} for {@code device = vpns}, or
   * empty if the global section has no {@code device}.
   */
  public Optional<Setting<InterfaceName>> device() {
    return device;
  }

  /**
   * Returns what ocserv warns about and skips, for the caller's log, in file order: sections that
   * are not virtual hosts and {@code device} in a virtual host. Each message starts with the file
   * and line.
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * A value with where it came from, for init-nat's log: {@code /etc/ocserv/ocserv.conf:610}, or
   * {@code /etc/ocserv/ocserv.conf:949 [vhost:www.example.com]} in a virtual host section. For a
   * network given with a separate netmask or prefix length, the line is the network's.
   *
   * @param value the value
   * @param origin the file and line, and the virtual host if there is one
   */
  public record Setting<T>(T value, String origin) {
    /** Creates the setting; neither part may be null. */
    public Setting {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(origin, "origin");
    }
  }

  private record Reserved(String what, IpPrefix range) {}

  /**
   * Returns why {@code subnet} cannot be a VPN's, if it overlaps addresses the kernel never
   * forwards (loopback, multicast, link-local ...); empty if it can.
   */
  static Optional<String> neverForwarded(IpPrefix subnet) {
    for (Reserved reserved : NEVER_FORWARDED) {
      if (reserved.range().contains(subnet) || subnet.contains(reserved.range())) {
        return Optional.of(
            "overlaps "
                + reserved.what()
                + " "
                + reserved.range().keyword()
                + "; the kernel never forwards those addresses, so they cannot be masqueraded");
      }
    }
    return Optional.empty();
  }

  /** One key's value as it stands in the file, with what it was read as. */
  private record Entry<T>(int line, String text, T value) {}

  /** A network as written: its address, and in prefix form its length, else -1. */
  private record Written(InetAddress address, int length) {}

  /** The keys read so far in one section, the last of each. */
  private static final class Section {
    private final String vhost;
    private Entry<Written> ipv4Network;
    private Entry<Integer> ipv4Netmask;
    private Entry<Written> ipv6Network;
    private Entry<Integer> ipv6Prefix;
    private Entry<InterfaceName> device;
    private boolean ipv6Unusable;

    private Section(String vhost) {
      this.vhost = vhost;
    }
  }

  /** One pass over one file; used once. */
  private static final class Reader {
    private final String source;
    private final Section global = new Section(null);
    private final Map<String, Section> vhosts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private String ipv6Problem;

    /** The section settings go to, or null inside a section ocserv skips. */
    private Section section = global;

    /** The key of the last setting in the section, and its line: what indented lines continue. */
    private String previousKey;

    private int previousLine;

    private Reader(String source) {
      this.source = source;
    }

    private OcservConfig read(String text) throws ConfigException {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = i == 0 && lines[0].startsWith("\uFEFF") ? lines[0].substring(1) : lines[i];
        readLine(i + 1, line);
      }

      List<Setting<IpPrefix>> ipv4 = new ArrayList<>();
      List<Setting<IpPrefix>> ipv6 = new ArrayList<>();
      List<Section> sections = new ArrayList<>();
      sections.add(global);
      sections.addAll(vhosts.values());
      for (Section each : sections) {
        ipv4Network(each).ifPresent(ipv4::add);
        if (!each.ipv6Unusable) {
          try {
            ipv6Network(each).ifPresent(ipv6::add);
          } catch (ConfigException e) {
            ipv6Problem = ipv6Problem == null ? e.getMessage() : ipv6Problem;
          }
        }
      }
      Optional<Setting<InterfaceName>> device =
          Optional.ofNullable(global.device)
              .map(entry -> new Setting<>(entry.value(), origin(entry.line(), global)));
      return new OcservConfig(ipv4, ipv6, device, warnings, Optional.ofNullable(ipv6Problem));
    }

    private void readLine(int number, String line) throws ConfigException {
      String body = stripEnd(line);
      String start = stripStart(body);
      boolean indented = start.length() < body.length();

      if (start.isEmpty() || start.charAt(0) == '#' || start.charAt(0) == ';') {
        return;
      }
      if (indented && previousKey != null) {
        continuation(number, start);
        return;
      }
      if (start.charAt(0) == '[') {
        header(number, start);
        return;
      }

      int separator = findOrComment(start, 0, "=:");
      if (separator == start.length() || start.charAt(separator) == '#') {
        throw new ConfigException(
            source
                + ":"
                + number
                + ": line "
                + quote(start)
                + " is not a setting, a section header or a comment: it has no '='"
                + " (settings are written key = value)");
      }
      String key = stripEnd(start.substring(0, separator));
      int comment = findOrComment(start, separator + 1, null);
      String value = unquote(start.substring(separator + 1, comment));
      previousKey = key;
      previousLine = number;
      if (section != null) {
        setting(section, number, key, value);
      }
    }

    /** An indented line, which ocserv reads as more of the previous setting's value. */
    private void continuation(int number, String start) throws ConfigException {
      if (section == null) {
        return;
      }
      int separator = findOrComment(start, 0, "=:");
      String looksLike = separator < start.length() ? stripEnd(start.substring(0, separator)) : "";
      if (KEYS.contains(previousKey) || KEYS.contains(looksLike) || start.charAt(0) == '[') {
        throw new ConfigException(
            origin(number, section)
                + ": line "
                + quote(start)
                + " is indented, so ocserv reads it as more of the value of '"
                + previousKey
                + "' on line "
                + previousLine
                + "; remove the indentation");
      }
    }

    private void header(int number, String start) throws ConfigException {
      int close = findOrComment(start, 1, "]");
      if (close == start.length() || start.charAt(close) != ']') {
        throw new ConfigException(
            source
                + ":"
                + number
                + ": section header "
                + quote(start)
                + " has no closing ']' (example: "
                + HEADER_EXAMPLE
                + ")");
      }
      String name = start.substring(1, close);
      previousKey = null;

      if (name.isEmpty()) {
        // inih gives an empty header the empty section name, which ocserv reads as global.
        section = global;
      } else if (name.startsWith(VHOST)) {
        String vhost = stripEnd(stripStart(name.substring(VHOST.length())));
        if (vhost.isEmpty()) {
          throw new ConfigException(
              source
                  + ":"
                  + number
                  + ": section header "
                  + quote(start.substring(0, close + 1))
                  + " has no virtual host name (example: "
                  + HEADER_EXAMPLE
                  + ")");
        }
        section = vhosts.computeIfAbsent(vhost, Section::new);
      } else {
        warnings.add(
            source
                + ":"
                + number
                + ": section "
                + quote("[" + name + "]")
                + " is not a virtual host; ocserv skips it and its settings, and so does init-nat"
                + " (example: "
                + HEADER_EXAMPLE
                + ")");
        section = null;
      }
    }

    private void setting(Section in, int number, String key, String value) throws ConfigException {
      switch (key) {
        case IPV4_NETWORK:
          in.ipv4Network = new Entry<>(number, value, network(in, number, key, value, true));
          break;
        case IPV4_NETMASK:
          in.ipv4Netmask = new Entry<>(number, value, netmask(in, number, value));
          break;
        case IPV6_NETWORK:
        case IPV6_PREFIX:
          try {
            if (key.equals(IPV6_NETWORK)) {
              in.ipv6Network = new Entry<>(number, value, network(in, number, key, value, false));
            } else {
              in.ipv6Prefix = new Entry<>(number, value, ipv6Prefix(in, number, value));
            }
          } catch (ConfigException e) {
            ipv6Problem = ipv6Problem == null ? e.getMessage() : ipv6Problem;
            in.ipv6Unusable = true;
          }
          break;
        case DEVICE:
          if (in.vhost != null) {
            warnings.add(
                origin(number, in)
                    + ": "
                    + DEVICE
                    + " "
                    + quote(value)
                    + " is ignored in a virtual host; ocserv takes the device from the global"
                    + " section only");
          } else {
            in.device = new Entry<>(number, value, device(in, number, value));
          }
          break;
        default:
          break;
      }
    }

    private Written network(Section in, int number, String key, String value, boolean ipv4)
        throws ConfigException {
      String example = ipv4 ? IPV4_EXAMPLE : IPV6_EXAMPLE;
      if (value.isEmpty()) {
        throw invalid(in, number, key, value, "is empty", example);
      }

      int slash = value.indexOf('/');
      String addressText = slash < 0 ? value : value.substring(0, slash);
      IpPrefix address = address(addressText);
      String family = ipv4 ? "IPv4" : "IPv6";
      if (address == null) {
        throw invalid(
            in, number, key, value, "is not an " + family + " address or prefix", example);
      }
      if (address.isIpv4() != ipv4) {
        String problem =
            ipv4
                ? "is IPv6; an IPv6 network goes in " + IPV6_NETWORK
                : "is IPv4; an IPv4 network goes in " + IPV4_NETWORK;
        throw invalid(in, number, key, value, problem, example);
      }
      if (slash < 0) {
        return new Written(address.address(), -1);
      }

      int max = ipv4 ? 32 : 128;
      String lengthText = value.substring(slash + 1);
      if (!lengthText.matches("[0-9]{1,3}") || Integer.parseInt(lengthText) > max) {
        throw invalid(
            in,
            number,
            key,
            value,
            "has prefix length '"
                + lengthText
                + "'; it must be a number from 1 to "
                + max
                + " for "
                + family,
            example);
      }
      int length = Integer.parseInt(lengthText);
      if (length == 0) {
        throw invalid(in, number, key, value, COVERS_ALL, example);
      }
      IpPrefix network = masked(address.address(), length);
      if (!network.address().equals(address.address())) {
        throw invalid(
            in,
            number,
            key,
            value,
            "has host bits set; the network is " + network.keyword(),
            network.keyword());
      }
      return new Written(address.address(), length);
    }

    private int netmask(Section in, int number, String value) throws ConfigException {
      if (value.isEmpty()) {
        throw invalid(in, number, IPV4_NETMASK, value, "is empty", NETMASK_EXAMPLE);
      }
      IpPrefix mask = address(value);
      if (mask == null || !mask.isIpv4()) {
        throw invalid(in, number, IPV4_NETMASK, value, "is not an IPv4 netmask", NETMASK_EXAMPLE);
      }

      int bits = 0;
      for (byte b : mask.address().getAddress()) {
        bits = bits << 8 | (b & 0xff);
      }
      int length = Integer.bitCount(bits);
      if (bits != (length == 0 ? 0 : -1 << (32 - length))) {
        throw invalid(
            in,
            number,
            IPV4_NETMASK,
            value,
            "is not a contiguous netmask; its one bits must all come first",
            NETMASK_EXAMPLE);
      }
      if (length == 0) {
        throw invalid(
            in, number, IPV4_NETMASK, value, "is /0, which " + COVERS_ALL, NETMASK_EXAMPLE);
      }
      return length;
    }

    private int ipv6Prefix(Section in, int number, String value) throws ConfigException {
      // ocserv reads the number as decimal, leading zeros and all.
      if (!value.matches("[0-9]{1,3}")
          || Integer.parseInt(value) < MIN_IPV6_PREFIX
          || Integer.parseInt(value) > 128) {
        throw invalid(
            in,
            number,
            IPV6_PREFIX,
            value,
            "is not a prefix length from " + MIN_IPV6_PREFIX + " to 128, the range ocserv accepts",
            IPV6_PREFIX_EXAMPLE);
      }
      return Integer.parseInt(value);
    }

    private InterfaceName device(Section in, int number, String value) throws ConfigException {
      if (value.isEmpty()) {
        throw invalid(in, number, DEVICE, value, "is empty", DEVICE_EXAMPLE);
      }
      if (value.endsWith("+") || value.endsWith("*")) {
        throw invalid(
            in,
            number,
            DEVICE,
            value,
            "ends with '"
                + value.charAt(value.length() - 1)
                + "'; ocserv numbers the tunnels"
                + " after the name itself",
            value.substring(0, value.length() - 1).isEmpty()
                ? DEVICE_EXAMPLE
                : value.substring(0, value.length() - 1));
      }
      int bytes = value.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > InterfaceName.MAX_PREFIX_LENGTH) {
        throw invalid(
            in,
            number,
            DEVICE,
            value,
            "is "
                + bytes
                + " bytes long; ocserv numbers the tunnels after it and nft matches them as '"
                + value
                + "*', so at most "
                + InterfaceName.MAX_PREFIX_LENGTH
                + " fit",
            DEVICE_EXAMPLE);
      }
      try {
        return InterfaceName.prefix(value);
      } catch (InvalidValueException e) {
        throw invalid(
            in,
            number,
            DEVICE,
            value,
            e.problem(),
            e.example().isPresent() ? DEVICE_EXAMPLE : null);
      }
    }

    private Optional<Setting<IpPrefix>> ipv4Network(Section in) throws ConfigException {
      Entry<Written> network = in.ipv4Network;
      if (network == null) {
        return Optional.empty();
      }
      Entry<Integer> netmask = in.ipv4Netmask;
      int length = network.value().length();

      if (length < 0 && netmask == null) {
        throw invalid(
            in,
            network.line(),
            IPV4_NETWORK,
            network.text(),
            "has no netmask; add " + IPV4_NETMASK + " to the same section or write the length",
            masked(network.value().address(), 24).keyword());
      }
      if (length >= 0 && netmask != null && netmask.value() != length) {
        throw disagree(in, IPV4_NETWORK, network, IPV4_NETMASK, netmask, "/" + netmask.value());
      }
      if (length < 0) {
        length = netmask.value();
        IpPrefix prefix = masked(network.value().address(), length);
        if (!prefix.address().equals(network.value().address())) {
          throw hostBits(in, IPV4_NETWORK, network, IPV4_NETMASK, netmask, prefix);
        }
      }

      return Optional.of(forwarded(in, IPV4_NETWORK, network, length, IPV4_EXAMPLE));
    }

    private Optional<Setting<IpPrefix>> ipv6Network(Section in) throws ConfigException {
      Entry<Written> network = in.ipv6Network;
      if (network == null) {
        return Optional.empty();
      }
      Entry<Integer> prefixLength = in.ipv6Prefix;
      int length = network.value().length();

      if (length < 0 && prefixLength == null) {
        throw invalid(
            in,
            network.line(),
            IPV6_NETWORK,
            network.text(),
            "has no prefix length; add it, or "
                + IPV6_PREFIX
                + " to the same section, since ocserv needs one",
            masked(network.value().address(), 64).keyword());
      }
      if (length >= 0 && prefixLength != null && prefixLength.value() != length) {
        throw disagree(
            in, IPV6_NETWORK, network, IPV6_PREFIX, prefixLength, "/" + prefixLength.value());
      }
      if (length < 0) {
        length = prefixLength.value();
        IpPrefix prefix = masked(network.value().address(), length);
        if (!prefix.address().equals(network.value().address())) {
          throw hostBits(in, IPV6_NETWORK, network, IPV6_PREFIX, prefixLength, prefix);
        }
      }

      return Optional.of(forwarded(in, IPV6_NETWORK, network, length, IPV6_EXAMPLE));
    }

    /** The network as a setting, if the kernel forwards its addresses. */
    private Setting<IpPrefix> forwarded(
        Section in, String key, Entry<Written> network, int length, String example)
        throws ConfigException {
      IpPrefix prefix = masked(network.value().address(), length);
      Optional<String> problem = neverForwarded(prefix);
      if (problem.isPresent()) {
        throw invalid(in, network.line(), key, network.text(), problem.get(), example);
      }
      return new Setting<>(prefix, origin(network.line(), in));
    }

    private ConfigException disagree(
        Section in,
        String key,
        Entry<Written> network,
        String otherKey,
        Entry<Integer> other,
        String otherMeans) {
      return invalid(
          in,
          network.line(),
          key,
          network.text(),
          "disagrees with "
              + otherKey
              + " "
              + quote(other.text())
              + " ("
              + otherMeans
              + ") on line "
              + other.line()
              + "; give only one of them, or make them agree",
          network.text());
    }

    private ConfigException hostBits(
        Section in,
        String key,
        Entry<Written> network,
        String otherKey,
        Entry<Integer> other,
        IpPrefix prefix) {
      return invalid(
          in,
          network.line(),
          key,
          network.text(),
          "has host bits set for "
              + otherKey
              + " "
              + quote(other.text())
              + " on line "
              + other.line()
              + "; the network is "
              + prefix.keyword(),
          prefix.keyword().substring(0, prefix.keyword().indexOf('/')));
    }

    private ConfigException invalid(
        Section in, int number, String key, String value, String problem, String example) {
      return new ConfigException(
          origin(number, in)
              + ": "
              + key
              + " "
              + quote(value)
              + " "
              + problem
              + (example == null ? "" : " (example: " + key + " = " + example + ")"));
    }

    private String origin(int number, Section in) {
      String where = source + ":" + number;
      return in.vhost == null ? where : where + " [" + VHOST + in.vhost + "]";
    }
  }

  /** Returns the address as a single-address prefix, or null if the text is not an address. */
  private static IpPrefix address(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) <= ' ') {
        return null;
      }
    }
    try {
      return IpPrefix.host(text);
    } catch (InvalidValueException e) {
      return null;
    }
  }

  /** Returns the network of {@code length} bits that holds {@code address}. */
  private static IpPrefix masked(InetAddress address, int length) {
    byte[] bytes = address.getAddress();
    for (int bit = length; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    try {
      // From raw bytes: no name service is involved.
      return IpPrefix.parse(InetAddress.getByAddress(bytes).getHostAddress() + "/" + length);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }

  /**
   * Returns the index of the first of {@code chars} from {@code from}, or of a {@code #} that
   * follows white space (an inline comment), or the length if there is neither; {@code chars} null
   * looks for the comment only. This is where inih ends a key, a value or a section name.
   */
  private static int findOrComment(String text, int from, String chars) {
    boolean afterSpace = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (chars != null && chars.indexOf(c) >= 0 || afterSpace && c == '#') {
        return i;
      }
      afterSpace = isSpace(c);
    }
    return text.length();
  }

  /** Strips white space and double quotes from both ends, as ocserv does with every value. */
  private static String unquote(String value) {
    int start = 0;
    int end = value.length();
    while (end > start && (isSpace(value.charAt(end - 1)) || value.charAt(end - 1) == '"')) {
      end--;
    }
    while (start < end && (isSpace(value.charAt(start)) || value.charAt(start) == '"')) {
      start++;
    }
    return value.substring(start, end);
  }

  private static String stripStart(String text) {
    int start = 0;
    while (start < text.length() && isSpace(text.charAt(start))) {
      start++;
    }
    return text.substring(start);
  }

  private static String stripEnd(String text) {
    int end = text.length();
    while (end > 0 && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  /** White space as C's isspace sees it, which is what ocserv strips: not Unicode spaces. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }

  /** Long values are cut in messages, so that one bad line cannot flood the log. */
  private static String quote(String value) {
    int max = 80;
    return value.length() <= max
        ? "'" + value + "'"
        : "'" + value.substring(0, max) + "...' (" + value.length() + " characters)";
  }
}
