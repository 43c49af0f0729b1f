package dev.jnas.codegen;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.op.BlockShapes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user block's shape and parameters as DJL reports them: the block is built with its
 * constructor arguments and asked {@code getOutputShapes}; parameters are counted after
 * initialising it on the input shape. Results are cached per block, arguments and input.
 */
public final class DjlBlockShapes implements BlockShapes {
  /** The batch size standing in for the IR's unknown batch when DJL is asked. */
  private static final long PROBE_BATCH = 2;
  private final Map<List<Object>, Object> shapes = new ConcurrentHashMap<>();
  private final Map<List<Object>, Object> params = new ConcurrentHashMap<>();

  @Override
  public TensorShape outputShape(String type, List<Object> args, TensorShape input) {
    return (TensorShape) cached(shapes, type, args, input, () -> {
      Block block = instantiate(type, args);
      ai.djl.ndarray.types.Shape[] out;
      try {
        out = block.getOutputShapes(new ai.djl.ndarray.types.Shape[] {djl(input)});
      } catch (RuntimeException notReady) {
        // Some blocks know their output only once initialised.
        try (NDManager manager = NDManager.newBaseManager()) {
          block.initialize(manager, DataType.FLOAT32, djl(input));
          out = block.getOutputShapes(new ai.djl.ndarray.types.Shape[] {djl(input)});
        }
      }
      if (out.length != 1) {
        throw new IrException("user block " + type + " gives " + out.length + " outputs; a user block must give 1");
      }
      List<Long> dims = new ArrayList<>();
      for (long d : out[0].getShape()) {
        dims.add(dims.isEmpty() && input.dim(0) == TensorShape.UNKNOWN && d == PROBE_BATCH ? TensorShape.UNKNOWN : d);
      }
      return new TensorShape(dims);
    });
  }

  @Override
  public long params(String type, List<Object> args, TensorShape input) {
    return (Long) cached(params, type, args, input, () -> {
      Block block = instantiate(type, args);
      try (NDManager manager = NDManager.newBaseManager()) {
        block.initialize(manager, DataType.FLOAT32, djl(input));
        return block.getParameters().values().stream().filter(p -> p.requiresGradient()).mapToLong(p -> p.getArray().size()).sum();
      }
    });
  }

  private static Object cached(Map<List<Object>, Object> cache, String type, List<Object> args, TensorShape input,
      java.util.function.Supplier<Object> compute) {
    List<Object> key = List.of(type, args, input);
    Object known = cache.get(key);
    if (known == null) {
      try {
        known = compute.get();
      } catch (IrException e) {
        known = e;
      } catch (RuntimeException e) {
        known = new IrException("user block " + type + " with arguments " + args + " cannot take input " + input + ": " + e);
      }
      cache.put(key, known);
    }
    if (known instanceof IrException e) {
      throw new IrException(e.getMessage());
    }
    return known;
  }

  /** The block's class, loaded by the context class loader (the user's class path). */
  static Class<? extends Block> blockClass(String type) {
    Class<?> c;
    try {
      c = Class.forName(type, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IrException("user block " + type + " is not on the class path");
    }
    if (!Block.class.isAssignableFrom(c)) {
      throw new IrException("user block " + type + " is not a DJL Block (ai.djl.nn.Block)");
    }
    return c.asSubclass(Block.class);
  }

  /** The public constructor of {@code type} that takes {@code args} (ints may widen, doubles narrow to float). */
  static Constructor<?> constructor(String type, List<Object> args) {
    Class<? extends Block> c = blockClass(type);
    for (Constructor<?> k : c.getConstructors()) {
      Class<?>[] params = k.getParameterTypes();
      if (params.length != args.size()) {
        continue;
      }
      boolean fits = true;
      for (int i = 0; i < params.length && fits; i++) {
        fits = convert(args.get(i), params[i]) != null;
      }
      if (fits) {
        return k;
      }
    }
    throw new IrException("user block " + type + " has no public constructor taking " + args
        + " (ints, doubles, booleans and strings, as the IR holds them)");
  }

  static Block instantiate(String type, List<Object> args) {
    Constructor<?> k = constructor(type, args);
    Object[] values = new Object[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = convert(args.get(i), k.getParameterTypes()[i]);
    }
    try {
      return (Block) k.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IrException("user block " + type + " refused arguments " + args + ": " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IrException("cannot construct user block " + type + ": " + e);
    }
  }

  /** {@code value} as a {@code target} argument, or null when it cannot be one. */
  static Object convert(Object value, Class<?> target) {
    if (value instanceof Integer i) {
      if (target == int.class || target == Integer.class) {
        return i;
      }
      if (target == long.class || target == Long.class) {
        return (long) i;
      }
      if (target == float.class || target == Float.class) {
        return (float) i;
      }
      if (target == double.class || target == Double.class) {
        return (double) i;
      }
    }
    if (value instanceof Double d) {
      if (target == double.class || target == Double.class) {
        return d;
      }
      if (target == float.class || target == Float.class) {
        return (float) (double) d;
      }
    }
    if (value instanceof Boolean b && (target == boolean.class || target == Boolean.class)) {
      return b;
    }
    if (value instanceof String s && target == String.class) {
      return s;
    }
    return null;
  }

  private static ai.djl.ndarray.types.Shape djl(TensorShape shape) {
    long[] dims = new long[shape.rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.dim(i) == TensorShape.UNKNOWN ? PROBE_BATCH : shape.dim(i);
    }
    return new ai.djl.ndarray.types.Shape(dims);
  }
}
