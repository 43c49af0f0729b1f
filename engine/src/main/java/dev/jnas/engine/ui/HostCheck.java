package dev.jnas.engine.ui;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Host header values the UI answers to. A web page elsewhere can point its own host name at
 * 127.0.0.1 (DNS rebinding) and read the UI as same-origin; its requests still name that host, so
 * only the names of the bound address are let through.
 */
final class HostCheck {
  private final Set<String> allowed;

  private HostCheck(Set<String> allowed) {
    this.allowed = allowed;
  }

  /**
   * The check for a server bound to {@code host} and {@code port}: on a loopback address the
   * loopback names, on another address its name and literal, on the wildcard address anything.
   */
  static HostCheck of(String host, int port) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress address;
    try {
      address = InetAddress.getByName(bare);
    } catch (UnknownHostException e) {
      throw new UncheckedIOException("unknown host " + host, e);
    }
    if (address.isAnyLocalAddress()) {
      return new HostCheck(null);
    }
    Set<String> names = new TreeSet<>();
    names.add(literal(bare));
    names.add(literal(address.getHostAddress()));
    if (address.isLoopbackAddress()) {
      names.addAll(Set.of("127.0.0.1", "localhost", "[::1]"));
    }
    Set<String> allowed = new TreeSet<>();
    for (String name : names) {
      allowed.add(name + ":" + port);
      if (port == 80) {
        // A browser leaves out the scheme's default port.
        allowed.add(name);
      }
    }
    return new HostCheck(allowed);
  }

  /** Whether a request with this Host header (null when it has none) is answered. */
  boolean allows(String hostHeader) {
    return allowed == null || hostHeader != null && allowed.contains(hostHeader.trim().toLowerCase(Locale.ROOT));
  }

  /** The Host values answered, for error messages; null when any is. */
  Set<String> allowed() {
    return allowed;
  }

  private static String literal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains(":") ? "[" + lower + "]" : lower;
  }
}
