package dev.jnas.ir.expr;

import dev.jnas.ir.IrException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The literal values the IR holds: {@code Integer}, finite {@code Double}, {@code Boolean},
 * {@code String}, and immutable lists and string-keyed maps (keys sorted) of these.
 */
public final class Values {
  private Values() {}

  /** {@code value} in its one canonical Java form (longs that fit become ints, floats doubles). */
  public static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Boolean || value instanceof String) {
      return value;
    }
    if (value instanceof Long || value instanceof Short || value instanceof Byte) {
      long l = ((Number) value).longValue();
      if (l != (int) l) {
        throw new IrException("integer " + l + " is out of the IR's int range");
      }
      return (int) l;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IrException("number " + d + " is not finite");
      }
      return d;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(normalize(element));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Map<?, ?> map) {
      // Keys sorted, so a map prints the same however the caller's map iterates (Map.of does not).
      Map<String, Object> copy = new java.util.TreeMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IrException("map key " + entry.getKey() + " is not a string");
        }
        copy.put(key, normalize(entry.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    throw new IrException(
        "value " + value + " (" + (value == null ? "null" : value.getClass().getSimpleName())
            + ") is not an IR literal: use an int, double, boolean, string, list or map");
  }

  /** The canonical text of a literal, as the IR text format writes it. */
  public static String render(Object value) {
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(render(list.get(i)));
      }
      return out.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(first ? "" : ", ").append(quote((String) entry.getKey())).append(": ");
        out.append(render(entry.getValue()));
        first = false;
      }
      return out.append('}').toString();
    }
    return String.valueOf(value);
  }

  /** A string literal with the escapes the text format reads back. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Describes a value for error messages: its text and its type. */
  public static String describe(Object value) {
    String type =
        value instanceof Integer ? "int"
            : value instanceof Double ? "double"
            : value instanceof Boolean ? "boolean"
            : value instanceof String ? "string"
            : value instanceof List ? "list"
            : value instanceof Map ? "map" : "value";
    return type + " " + render(value);
  }
}
