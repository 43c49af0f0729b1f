package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;

/**
 * A user's own block as one node, like NNI's {@code @basic_unit}: {@code type} is the block's
 * class (for DJL, an {@code ai.djl.nn.Block} with a public constructor taking {@code args}), and
 * {@code args} its constructor arguments, which may hold value choices. Its output shape and
 * parameters come from the block itself through {@link BlockShapes}.
 */
public record UserBlockOp(Expr type, Expr args) implements PrimitiveOp {

  @Override
  public TensorShape outputShape(List<TensorShape> inputs, Decisions d) {
    return BlockShapes.installed().outputShape(type(d), args(d), inputs.get(0));
  }

  @Override
  public long params(List<TensorShape> inputs, Decisions d) {
    return BlockShapes.installed().params(type(d), args(d), inputs.get(0));
  }

  /** The block's class name. */
  public String type(Decisions d) {
    Object value = type.evaluate(d);
    if (!(value instanceof String name) || name.isBlank()) {
      throw new IrException("attribute 'type' must name the block's class, got " + value);
    }
    return name;
  }

  /** The constructor arguments. */
  public List<Object> args(Decisions d) {
    Object value = args.evaluate(d);
    if (!(value instanceof List<?> list)) {
      throw new IrException("attribute 'args' must be a list of constructor arguments, got " + value);
    }
    return List.copyOf(list);
  }

  @Override
  public <R> R accept(OpVisitor<R> visitor) {
    return visitor.userBlock(this);
  }
}
