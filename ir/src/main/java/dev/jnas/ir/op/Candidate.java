package dev.jnas.ir.op;

import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import java.util.regex.Pattern;

/** One candidate of a layer choice: a name (an index such as {@code 0}, or a key) and its graph. */
public record Candidate(String name, Graph graph) {
  private static final Pattern NAME = Pattern.compile("0|[1-9][0-9]{0,8}|[A-Za-z_][A-Za-z0-9_]*");

  public Candidate {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IrException(
          "candidate name '" + name + "' must be an index (0 to 999999999, no leading zeros) or an identifier");
    }
    if (graph == null) {
      throw new IrException("candidate '" + name + "' has no graph");
    }
  }

  /** The decision that picks this candidate: its index as an Integer, or its name. */
  public Object key() {
    return keyOf(name);
  }

  /** Whether {@code name} can name a candidate: an index without leading zeros, or an identifier. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The decision a candidate name stands for: an index as an Integer, else the name itself. */
  public static Object keyOf(String name) {
    return Character.isDigit(name.charAt(0)) ? (Object) Integer.valueOf(name) : name;
  }
}
