package dev.jnas.nn;

import dev.jnas.ir.expr.BinaryOperator;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.AdaptiveAvgPool2dOp;
import dev.jnas.ir.op.AddOp;
import dev.jnas.ir.op.AddScalarOp;
import dev.jnas.ir.op.AverageOp;
import dev.jnas.ir.op.AvgPool2dOp;
import dev.jnas.ir.op.CatOp;
import dev.jnas.ir.op.DropoutOp;
import dev.jnas.ir.op.FlattenOp;
import dev.jnas.ir.op.GeluOp;
import dev.jnas.ir.op.IdentityOp;
import dev.jnas.ir.op.LogSoftmaxOp;
import dev.jnas.ir.op.MatMulOp;
import dev.jnas.ir.op.MaxPool2dOp;
import dev.jnas.ir.op.MeanOp;
import dev.jnas.ir.op.MulOp;
import dev.jnas.ir.op.MulScalarOp;
import dev.jnas.ir.op.PermuteOp;
import dev.jnas.ir.op.PowScalarOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.Relu6Op;
import dev.jnas.ir.op.ReluOp;
import dev.jnas.ir.op.ReshapeOp;
import dev.jnas.ir.op.SigmoidOp;
import dev.jnas.ir.op.SliceOp;
import dev.jnas.ir.op.SoftmaxOp;
import dev.jnas.ir.op.SumOp;
import dev.jnas.ir.op.SwishOp;
import dev.jnas.ir.op.TanhOp;
import dev.jnas.ir.op.ZeroOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Functional ops for {@code import static dev.jnas.nn.F.*}, as PyTorch's {@code torch.nn.functional}.
 * Each records one IR node named after the function ({@code relu}, {@code relu_1}, ...); numeric
 * arguments may be {@link ValueChoice}s.
 */
public final class F {
  private F() {}

  /** ReLU of {@code x}, as {@code F.relu}; throws {@link SpaceException} if {@code x} is null. */
  public static Tensor relu(Tensor x) {
    return apply("relu", a -> new ReluOp(), x);
  }

  /** ReLU of {@code x} capped at 6, as {@code F.relu6}. */
  public static Tensor relu6(Tensor x) {
    return apply("relu6", a -> new Relu6Op(), x);
  }

  /** The element-wise sigmoid of {@code x}. */
  public static Tensor sigmoid(Tensor x) {
    return apply("sigmoid", a -> new SigmoidOp(), x);
  }

  /** The element-wise tanh of {@code x}. */
  public static Tensor tanh(Tensor x) {
    return apply("tanh", a -> new TanhOp(), x);
  }

  /** GELU of {@code x}, as {@code F.gelu}. */
  public static Tensor gelu(Tensor x) {
    return apply("gelu", a -> new GeluOp(), x);
  }

  /** Swish (SiLU) of {@code x}, {@code x * sigmoid(x)}. */
  public static Tensor swish(Tensor x) {
    return apply("swish", a -> new SwishOp(), x);
  }

  /** {@code x} unchanged, recorded as an identity node. */
  public static Tensor identity(Tensor x) {
    return apply("identity", a -> new IdentityOp(), x);
  }

  /** Zeros of {@code x}'s shape. */
  public static Tensor zero(Tensor x) {
    return apply("zero", a -> new ZeroOp(), x);
  }

  /**
   * Dropout of {@code x} with probability {@code p} (a number or a {@link ValueChoice}, else {@link
   * SpaceException}).
   */
  public static Tensor dropout(Tensor x, Object p) {
    Object checked = Layer.arg("dropout", "p", p);
    return apply("dropout", a -> new DropoutOp(a.apply(checked)), x);
  }

  /** Max pooling with stride equal to the kernel, as {@code F.max_pool2d(x, k)}. */
  public static Tensor maxPool2d(Tensor x, Object kernel) {
    return maxPool2d(x, kernel, kernel, 0);
  }

  /**
   * Max pooling with a square {@code kernel}, {@code stride} and {@code padding}, as {@code F.max_pool2d}; each is
   * a number or a {@link ValueChoice}, else {@link SpaceException}.
   */
  public static Tensor maxPool2d(Tensor x, Object kernel, Object stride, Object padding) {
    List<Object> args = window("maxPool2d", kernel, stride, padding);
    return apply("max_pool2d", a -> new MaxPool2dOp(a.apply(args.get(0)), a.apply(args.get(1)), a.apply(args.get(2))), x);
  }

  /** Average pooling with stride equal to the kernel, as {@code F.avg_pool2d(x, k)}. */
  public static Tensor avgPool2d(Tensor x, Object kernel) {
    return avgPool2d(x, kernel, kernel, 0);
  }

  /**
   * Average pooling with a square {@code kernel}, {@code stride} and {@code padding}, as {@code F.avg_pool2d};
   * each is a number or a {@link ValueChoice}, else {@link SpaceException}.
   */
  public static Tensor avgPool2d(Tensor x, Object kernel, Object stride, Object padding) {
    List<Object> args = window("avgPool2d", kernel, stride, padding);
    return apply("avg_pool2d", a -> new AvgPool2dOp(a.apply(args.get(0)), a.apply(args.get(1)), a.apply(args.get(2))), x);
  }

  /** Average pooling of each channel to a single value, as {@code F.adaptive_avg_pool2d(x, 1)}. */
  public static Tensor adaptiveAvgPool2d(Tensor x) {
    return apply("adaptive_avg_pool2d", a -> new AdaptiveAvgPool2dOp(), x);
  }

  /** Flattens the dimensions of {@code x} from {@code startDim} on into one, as {@code torch.flatten(x, startDim)}. */
  public static Tensor flatten(Tensor x, Object startDim) {
    Object checked = Layer.arg("flatten", "startDim", startDim);
    return apply("flatten", a -> new FlattenOp(a.apply(checked)), x);
  }

  /** Reshapes each example to {@code dims} (the batch dimension stays and is not listed; one -1 is inferred). */
  public static Tensor reshape(Tensor x, Object... dims) {
    List<Object> checked = new ArrayList<>();
    for (int i = 0; i < dims.length; i++) {
      checked.add(Layer.arg("reshape", "dims[" + i + "]", dims[i]));
    }
    return apply("reshape", a -> new ReshapeOp(Expr.list(checked.stream().map(a).toList())), x);
  }

  /** Log-softmax of {@code x} along {@code dim}, as {@code F.log_softmax}. */
  public static Tensor logSoftmax(Tensor x, Object dim) {
    Object checked = Layer.arg("logSoftmax", "dim", dim);
    return apply("log_softmax", a -> new LogSoftmaxOp(a.apply(checked)), x);
  }

  /** Softmax of {@code x} along {@code dim}, as {@code F.softmax}. */
  public static Tensor softmax(Tensor x, Object dim) {
    Object checked = Layer.arg("softmax", "dim", dim);
    return apply("softmax", a -> new SoftmaxOp(a.apply(checked)), x);
  }

  /** The element-wise sum of two or more tensors; throws {@link SpaceException} if one is null. */
  public static Tensor add(Tensor a, Tensor b, Tensor... more) {
    return apply("add", f -> new AddOp(), Tensor.list(a, b, more));
  }

  /** The element-wise product of two or more tensors; throws {@link SpaceException} if one is null. */
  public static Tensor mul(Tensor a, Tensor b, Tensor... more) {
    return apply("mul", f -> new MulOp(), Tensor.list(a, b, more));
  }

  /** The element-wise mean of two or more tensors. */
  public static Tensor average(Tensor a, Tensor b, Tensor... more) {
    return apply("average", f -> new AverageOp(), Tensor.list(a, b, more));
  }

  /** Concatenation along {@code dim}, as {@code torch.cat(tensors, dim)}. */
  public static Tensor cat(List<Tensor> tensors, Object dim) {
    Object checked = Layer.arg("cat", "dim", dim);
    return apply("cat", a -> new CatOp(a.apply(checked)), tensors);
  }

  /** Matrix product of two tensors of one rank: (N, ..., n, k) times (N, ..., k, m), as {@code torch.matmul}. */
  public static Tensor matmul(Tensor a, Tensor b) {
    return apply("matmul", f -> new MatMulOp(), List.of(a, b));
  }

  /** Reorders all dimensions, as {@code x.permute(dims)}; the batch dimension must stay first. */
  public static Tensor permute(Tensor x, int... dims) {
    Expr order = Expr.of(Arrays.stream(dims).boxed().map(Object.class::cast).toList());
    return apply("permute", a -> new PermuteOp(order), x);
  }

  /** Swaps two dimensions, as {@code x.transpose(a, b)}. */
  public static Tensor transpose(Tensor x, int a, int b) {
    int rank = x.shape().rank();
    int[] dims = java.util.stream.IntStream.range(0, rank).toArray();
    int i = a < 0 ? a + rank : a;
    int j = b < 0 ? b + rank : b;
    if (i < 0 || i >= rank || j < 0 || j >= rank) {
      throw new SpaceException("transpose(" + a + ", " + b + ") needs two dimensions of " + x.shape() + " " + Trace.userFrame());
    }
    dims[i] = j;
    dims[j] = i;
    return permute(x, dims);
  }

  /** {@code x[..., start:end, ...]} along {@code dim}, with Python's rules for negative and overlong bounds. */
  public static Tensor slice(Tensor x, int dim, int start, int end) {
    return slice(x, dim, start, end, 1);
  }

  /** {@code x[..., start:end:step, ...]} along {@code dim}, with Python's rules for negative and overlong bounds. */
  public static Tensor slice(Tensor x, int dim, int start, int end, int step) {
    return apply("slice", a -> new SliceOp(Expr.of(dim), Expr.of(start), Expr.of(end), Expr.of(step)), x);
  }

  /** {@code x + value}; the value may be a ValueChoice. */
  public static Tensor plus(Tensor x, Object value) {
    Object checked = Layer.arg("plus", "value", value);
    return apply("add_scalar", a -> new AddScalarOp(a.apply(checked)), x);
  }

  /** {@code x - value}. */
  public static Tensor minus(Tensor x, Object value) {
    Object checked = Layer.arg("minus", "value", value);
    return plus(x, checked instanceof ValueChoice<?> vc ? vc.times(-1) : negate((Number) checked));
  }

  /** {@code x * value}. */
  public static Tensor times(Tensor x, Object value) {
    Object checked = Layer.arg("times", "value", value);
    return apply("mul_scalar", a -> new MulScalarOp(a.apply(checked)), x);
  }

  /** {@code x / value}. */
  public static Tensor div(Tensor x, Object value) {
    Object checked = Layer.arg("div", "value", value);
    if (checked instanceof Number n && n.doubleValue() == 0) {
      throw new SpaceException("div(x, 0) divides by zero " + Trace.userFrame());
    }
    return times(x, checked instanceof ValueChoice<?> vc
        ? new ValueChoice.Composite<>(ValueChoice.Composite.Kind.BINARY, BinaryOperator.DIV, null, List.of(1.0, vc))
        : 1.0 / ((Number) checked).doubleValue());
  }

  /** {@code x} to the power {@code value}. */
  public static Tensor pow(Tensor x, Object value) {
    Object checked = Layer.arg("pow", "value", value);
    return apply("pow_scalar", a -> new PowScalarOp(a.apply(checked)), x);
  }

  private static Object negate(Number n) {
    return n instanceof Integer i && i != Integer.MIN_VALUE ? (Object) (-i) : (Object) (-n.doubleValue());
  }

  /** The mean of {@code x} over {@code dims}, which are dropped from the shape. */
  public static Tensor mean(Tensor x, int... dims) {
    return reduce("mean", x, dims, false);
  }

  /** The mean of {@code x} over {@code dims}, kept as size 1 when {@code keepDim} is true. */
  public static Tensor mean(Tensor x, boolean keepDim, int... dims) {
    return reduce("mean", x, dims, keepDim);
  }

  /** The sum of {@code x} over {@code dims}, which are dropped from the shape. */
  public static Tensor sum(Tensor x, int... dims) {
    return reduce("sum", x, dims, false);
  }

  /** The sum of {@code x} over {@code dims}, kept as size 1 when {@code keepDim} is true. */
  public static Tensor sum(Tensor x, boolean keepDim, int... dims) {
    return reduce("sum", x, dims, keepDim);
  }

  private static Tensor reduce(String kind, Tensor x, int[] dims, boolean keepDim) {
    List<Object> list = new ArrayList<>();
    Arrays.stream(dims).forEach(list::add);
    Expr dimsExpr = Expr.of(list);
    Expr keep = Expr.of(keepDim);
    return apply(kind, a -> kind.equals("mean") ? new MeanOp(dimsExpr, keep) : new SumOp(dimsExpr, keep), x);
  }

  private static List<Object> window(String op, Object kernel, Object stride, Object padding) {
    return List.of(Layer.arg(op, "kernel", kernel), Layer.arg(op, "stride", stride), Layer.arg(op, "padding", padding));
  }

  private static Tensor apply(String name, Function<Function<Object, Expr>, PrimitiveOp> op, Tensor x) {
    return apply(name, op, List.of(x));
  }

  private static Tensor apply(String name, Function<Function<Object, Expr>, PrimitiveOp> op, List<Tensor> inputs) {
    if (inputs.isEmpty() || inputs.stream().anyMatch(java.util.Objects::isNull)) {
      throw new SpaceException(name + " needs tensors, got " + inputs + " " + Trace.userFrame());
    }
    return inputs.get(0).graph.trace().function(name, op, inputs);
  }
}
