package dev.jnas.ir;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for value names: dotted paths of identifier or index segments ({@code conv2.depthwise},
 * {@code cells.0.op}), so generated code and errors can point at the user's field.
 */
public final class Names {
  private static final Pattern PATH =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
  private static final Set<String> RESERVED = Set.of("return", "true", "false");

  private Names() {}

  public static boolean isValid(String name) {
    return name != null && PATH.matcher(name).matches() && !RESERVED.contains(name);
  }

  static void check(String name, String what) {
    if (!isValid(name)) {
      throw new IrException(
          what + " name '" + name + "' must be a dotted path of identifiers or indices"
              + " (like conv2.depthwise), not return, true or false");
    }
  }
}
