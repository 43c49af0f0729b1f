package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.Shape;
import dev.jnas.ir.expr.Expr;
import java.util.List;
import java.util.Map;

/**
 * A tensor operation of the IR vocabulary. Its record components are its attributes, each an
 * {@link Expr} (a literal in a frozen graph); its shape rule also checks the attributes.
 */
public sealed interface PrimitiveOp extends Op
    permits Conv1d, Conv2d, ConvTranspose2d, Linear, Embedding, Dropout, BatchNorm1d, BatchNorm2d,
        LayerNorm, RecurrentOp, MultiHeadAttention, ActivationOp, PoolOp, AdaptiveAvgPool2d, Flatten,
        Reshape, Permute, Slice, SoftmaxOp, ElementwiseOp, ScalarOp, MatMul, Cat, ReduceOp, Identity,
        Zero, UserBlock {

  /** How many inputs this op takes. */
  default Arity arity() {
    return Arity.UNARY;
  }

  /** The output shape for these input shapes; an {@link dev.jnas.ir.IrException} if they do not fit. */
  Shape outputShape(List<Shape> inputs, Decisions decisions);

  /** Trainable parameters (running statistics are buffers, not parameters, as in PyTorch). */
  default long params(List<Shape> inputs, Decisions decisions) {
    return 0;
  }

  /**
   * Multiply-adds per example for convolutions and linear layers; one per output element for
   * element-wise work (activations, norms, sums), kernel area per output element for pools; zero
   * for ops that only move data (flatten, reshape, dropout, identity, cat).
   */
  default long flops(List<Shape> inputs, Shape output, Decisions decisions) {
    return 0;
  }

  /** Calls the visitor's method for this op's record. */
  <R> R accept(OpVisitor<R> visitor);

  @Override
  default String kind() {
    return OpRegistry.kindOf(getClass());
  }

  /** The attributes by name, in declaration order. */
  default Map<String, Expr> attributes() {
    return OpRegistry.attributes(this);
  }
}
