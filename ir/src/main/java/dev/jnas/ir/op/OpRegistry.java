package dev.jnas.ir.op;

import dev.jnas.ir.IrException;
import dev.jnas.ir.expr.Expr;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The primitive op vocabulary, read off the sealed {@link PrimitiveOp} hierarchy: an op's kind is
 * its record's name without the {@code Op} suffix in lower camel case ({@code Conv2dOp} is
 * {@code conv2d}), its attributes are its record components.
 */
public final class OpRegistry {
  private static final Map<String, Class<? extends PrimitiveOp>> BY_KIND = new TreeMap<>();
  private static final Map<Class<?>, String> KINDS = new LinkedHashMap<>();

  static {
    collect(PrimitiveOp.class);
  }

  private OpRegistry() {}

  @SuppressWarnings("unchecked")
  private static void collect(Class<?> type) {
    for (Class<?> sub : type.getPermittedSubclasses()) {
      if (sub.isRecord()) {
        String kind = kindName(sub.getSimpleName());
        BY_KIND.put(kind, (Class<? extends PrimitiveOp>) sub);
        KINDS.put(sub, kind);
      } else {
        collect(sub);
      }
    }
  }

  private static String kindName(String recordName) {
    if (!recordName.endsWith("Op")) {
      throw new IllegalStateException("op record " + recordName + " must be named <Kind>Op");
    }
    String kind = recordName.substring(0, recordName.length() - 2);
    return Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
  }

  /** Every primitive op kind, sorted. */
  public static List<String> kinds() {
    return List.copyOf(BY_KIND.keySet());
  }

  /** Whether {@code kind} names a primitive op. */
  public static boolean isPrimitive(String kind) {
    return BY_KIND.containsKey(kind);
  }

  static String kindOf(Class<?> type) {
    return KINDS.get(type);
  }

  /** The attribute names of {@code kind}, in order. */
  public static List<String> attributeNames(String kind) {
    List<String> names = new ArrayList<>();
    for (RecordComponent c : type(kind).getRecordComponents()) {
      names.add(c.getName());
    }
    return names;
  }

  /** The attributes of an op by name, in declaration order. */
  public static Map<String, Expr> attributes(PrimitiveOp op) {
    Map<String, Expr> out = new LinkedHashMap<>();
    for (RecordComponent c : op.getClass().getRecordComponents()) {
      try {
        out.put(c.getName(), (Expr) c.getAccessor().invoke(op));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read attribute " + c.getName() + " of " + op, e);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Builds an op of {@code kind} from attributes by name; attributes left out take their
   * {@link Default}. Unknown kinds, unknown or missing attributes are errors naming them.
   */
  public static PrimitiveOp create(String kind, Map<String, Expr> attributes) {
    Class<? extends PrimitiveOp> type = type(kind);
    RecordComponent[] components = type.getRecordComponents();
    List<String> names = attributeNames(kind);
    for (String name : attributes.keySet()) {
      if (!names.contains(name)) {
        throw new IrException(
            kind + " has no attribute '" + name + "'"
                + (names.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", names)));
      }
    }
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = Expr.class;
      Expr value = attributes.get(c.getName());
      if (value == null) {
        Default fallback = c.getAnnotation(Default.class);
        if (fallback == null) {
          throw new IrException(kind + " needs attribute '" + c.getName() + "'");
        }
        value = Expr.of(parseDefault(fallback.value()));
      }
      args[i] = value;
    }
    try {
      Constructor<? extends PrimitiveOp> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + kind, e);
    }
  }

  private static Class<? extends PrimitiveOp> type(String kind) {
    Class<? extends PrimitiveOp> type = BY_KIND.get(kind);
    if (type == null) {
      throw new IrException(
          "unknown op '" + kind + "'; expected one of " + String.join(", ", BY_KIND.keySet())
              + ", layerChoice, inputChoice, repeat, looseEnd or placeholder");
    }
    return type;
  }

  private static Object parseDefault(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    if (text.contains(".") || text.contains("E")) {
      return Double.parseDouble(text);
    }
    return Integer.parseInt(text);
  }
}
