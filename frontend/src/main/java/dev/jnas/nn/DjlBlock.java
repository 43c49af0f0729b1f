package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.UserBlockOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Your own DJL block as one layer of a space, as NNI's {@code @basic_unit}: jnas builds it with
 * {@code new Type(args...)} in the generated code, and takes its output shape from the block's own
 * {@code getOutputShapes}. Arguments are ints, doubles, booleans, strings or {@link ValueChoice}s
 * (so a choice can set a width inside your block). The block takes one input and gives one output.
 */
public final class DjlBlock extends Layer {
  private final String type;
  private final List<Object> args = new ArrayList<>();

  /** {@code type} is a public class implementing {@code ai.djl.nn.Block} with a public constructor taking {@code args}. */
  public DjlBlock(Class<?> type, Object... args) {
    if (type == null) {
      throw new SpaceException("DjlBlock needs the block's class");
    }
    if (type.isMemberClass() && !java.lang.reflect.Modifier.isStatic(type.getModifiers())) {
      throw new SpaceException("DjlBlock " + type.getName() + " is an inner class; make it a static nested or top-level class");
    }
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
        throw new SpaceException("DjlBlock " + type.getName() + " must be public (and so must " + c.getName()
            + ", which holds it): the generated block constructs it from another package");
      }
    }
    this.type = type.getName();
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      this.args.add(a instanceof String ? a : arg("DjlBlock " + type.getSimpleName(), "args[" + i + "]", a));
    }
  }

  @Override
  PrimitiveOp op(Function<Object, Expr> a) {
    return new UserBlockOp(Expr.of(type), Expr.list(args.stream().map(a).toList()));
  }

  @Override
  List<String> describe(Function<Object, String> r) {
    List<String> out = new ArrayList<>(List.of(type));
    args.forEach(x -> out.add(r.apply(x)));
    return out;
  }
}
