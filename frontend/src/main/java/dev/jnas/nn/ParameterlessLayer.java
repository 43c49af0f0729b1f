package dev.jnas.nn;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.PrimitiveOp;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** A layer whose op takes no attributes (activations, identity, zero). */
abstract class ParameterlessLayer extends Layer {
  private final Supplier<PrimitiveOp> op;

  ParameterlessLayer(Supplier<PrimitiveOp> op) {
    this.op = op;
  }

  @Override
  final PrimitiveOp op(Function<Object, Expr> attr) {
    return op.get();
  }

  @Override
  final List<String> describe(Function<Object, String> render) {
    return List.of();
  }
}
