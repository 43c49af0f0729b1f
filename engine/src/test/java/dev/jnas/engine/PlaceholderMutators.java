package dev.jnas.engine;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.GeluOp;
import dev.jnas.ir.op.Op;
import dev.jnas.ir.op.OpRegistry;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.ReluOp;
import dev.jnas.mutators.Mutator;
import dev.jnas.mutators.PlaceholderMutator;
import java.util.List;
import java.util.Map;

/** Custom mutators that fill testkit's PlaceholderSpace: 4 architectures become 16. Built of lambdas, so none is Serializable. */
public final class PlaceholderMutators {
  /** The stem: a 3x3 or a 1x1 convolution, its channels read off the placeholder. */
  public static final Mutator STEM = new PlaceholderMutator("stem").candidate("conv3", p -> conv(p, 3)).candidate("conv1", p -> conv(p, 1));
  public static final Mutator ACT = new PlaceholderMutator("act").candidate("relu", p -> new ReluOp()).candidate("gelu", p -> new GeluOp());
  public static final List<Mutator> BOTH = List.of(STEM, ACT);

  private PlaceholderMutators() {}

  static Op conv(PlaceholderOp p, int kernel) {
    return OpRegistry.create("conv2d", Map.of("in", Expr.of(p.info().get("in")), "out", Expr.of(p.dims().orElseThrow().get(0)),
        "kernel", Expr.of(kernel), "padding", Expr.of(kernel / 2)));
  }
}
