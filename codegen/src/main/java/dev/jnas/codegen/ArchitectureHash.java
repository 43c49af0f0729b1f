package dev.jnas.codegen;

import dev.jnas.ir.Graph;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of an architecture: SHA-256 of its frozen graph's canonical IR text. Stored with
 * saved parameters and checked on load, since DJL's {@code .params} files load by order
 * without checking shapes.
 */
public final class ArchitectureHash {
  private ArchitectureHash() {}

  public static String of(Graph frozen) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(frozen.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
