package dev.jnas.ir.op;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import java.util.List;
import java.util.Map;

/**
 * A tensor operation of the IR vocabulary. Its record components are its attributes, each an
 * {@link Expr} (a literal in a frozen graph); its shape rule also checks the attributes.
 */
public sealed interface PrimitiveOp extends Op
    permits Conv1dOp, Conv2dOp, ConvTranspose2dOp, LinearOp, EmbeddingOp, DropoutOp, BatchNorm1dOp, BatchNorm2dOp,
        LayerNormOp, RecurrentOp, MultiHeadAttentionOp, ActivationOp, PoolOp, AdaptiveAvgPool2dOp, FlattenOp,
        ReshapeOp, PermuteOp, SliceOp, SoftmaxFamilyOp, ElementwiseOp, ScalarOp, MatMulOp, CatOp, ReduceOp, IdentityOp,
        ZeroOp, UserBlockOp {

  /** How many inputs this op takes. */
  default Arity arity() {
    return Arity.UNARY;
  }

  /** The output shape for these input shapes; an {@link dev.jnas.ir.IrException} if they do not fit. */
  TensorShape outputShape(List<TensorShape> inputs, Decisions decisions);

  /** Trainable parameters (running statistics are buffers, not parameters, as in PyTorch). */
  default long params(List<TensorShape> inputs, Decisions decisions) {
    return 0;
  }

  /**
   * Multiply-adds per example for convolutions and linear layers; one per output element for
   * element-wise work (activations, norms, sums), kernel area per output element for pools; zero
   * for ops that only move data (flatten, reshape, dropout, identity, cat).
   */
  default long flops(List<TensorShape> inputs, TensorShape output, Decisions decisions) {
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

  /** This op with every attribute evaluated under {@code decisions} into a literal (a frozen op). */
  default PrimitiveOp decided(Decisions decisions) {
    Map<String, Expr> values = new java.util.LinkedHashMap<>();
    attributes().forEach((name, expr) -> values.put(name, Expr.of(expr.evaluate(decisions))));
    return OpRegistry.create(kind(), values);
  }
}
