package dev.jnas.codegen;

import static dev.jnas.codegen.FrozenAttrs.b;
import static dev.jnas.codegen.FrozenAttrs.d;
import static dev.jnas.codegen.FrozenAttrs.float32;
import static dev.jnas.codegen.FrozenAttrs.i;
import static dev.jnas.codegen.FrozenAttrs.ints;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.Node;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.*;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Turns one frozen primitive op into DJL code: a child block, or an NDArray expression. A visitor
 * over the op records, so an op without code here does not compile.
 */
final class OpEmitter implements OpVisitor<Emission> {
  static final ClassName ND_ARRAY = ClassName.get("ai.djl.ndarray", "NDArray");
  static final ClassName ND_LIST = ClassName.get("ai.djl.ndarray", "NDList");
  static final ClassName ND_ARRAYS = ClassName.get("ai.djl.ndarray", "NDArrays");
  static final ClassName ND_INDEX = ClassName.get("ai.djl.ndarray.index", "NDIndex");
  static final ClassName SHAPE = ClassName.get("ai.djl.ndarray.types", "Shape");
  static final ClassName ACTIVATION = ClassName.get("ai.djl.nn", "Activation");
  static final ClassName POOL = ClassName.get("ai.djl.nn.pooling", "Pool");
  static final ClassName CONV1D = ClassName.get("ai.djl.nn.convolutional", "Conv1d");
  static final ClassName CONV2D = ClassName.get("ai.djl.nn.convolutional", "Conv2d");
  static final ClassName LINEAR = ClassName.get("ai.djl.nn.core", "Linear");
  static final ClassName ID_EMBEDDING = ClassName.get("ai.djl.nn.transformer", "IdEmbedding");
  static final ClassName ATTENTION = ClassName.get("ai.djl.nn.transformer", "ScaledDotProductAttentionBlock");
  static final ClassName LSTM = ClassName.get("ai.djl.nn.recurrent", "LSTM");
  static final ClassName GRU = ClassName.get("ai.djl.nn.recurrent", "GRU");
  static final ClassName DROPOUT = ClassName.get("ai.djl.nn.norm", "Dropout");
  static final ClassName BATCH_NORM = ClassName.get("ai.djl.nn.norm", "BatchNorm");
  static final ClassName LAYER_NORM = ClassName.get("ai.djl.nn.norm", "LayerNorm");
  /** The generated class's helper that spreads an input for a transposed convolution (see {@link BlockGenerator}). */
  static final String SPREAD = "spreadForTransposedConv";

  private final Node node;
  private final String field;
  private final List<String> in;
  private final List<TensorShape> inShapes;
  private final TensorShape out;
  private final String x;

  private OpEmitter(Node node, String field, List<String> in, List<TensorShape> inShapes, TensorShape out) {
    this.node = node;
    this.field = field;
    this.in = in;
    this.inShapes = inShapes;
    this.out = out;
    this.x = in.get(0);
  }

  /**
   * @param node a node of a frozen graph, its op primitive
   * @param field the child block's field name (used when the op has one)
   * @param in the local variables holding the node's inputs
   * @param inShapes the IR's shapes of those inputs; {@code out} the node's output shape
   */
  static Emission emit(Node node, String field, List<String> in, List<TensorShape> inShapes, TensorShape out) {
    return ((PrimitiveOp) node.op()).accept(new OpEmitter(node, field, in, inShapes, out));
  }

  /** Whether the op becomes a child block with parameters or state (in node order, as registered). */
  static boolean hasChild(PrimitiveOp op) {
    return op.accept(CHILD_OWNERS);
  }

  @Override
  public Emission conv1d(Conv1dOp c) {
    CodeBlock builder = CodeBlock.of(
        "$T.builder().setKernelShape(new $T($L)).setFilters($L).optStride(new $T($L))"
            + ".optPadding(new $T($L)).optDilation(new $T($L)).optGroups($L).optBias($L).build()",
        CONV1D, SHAPE, i(c.kernel()), i(c.out()), SHAPE, i(c.stride()), SHAPE, i(c.padding()), SHAPE, i(c.dilation()),
        i(c.groups()), b(c.bias()));
    return child(CONV1D, builder);
  }

  @Override
  public Emission conv2d(Conv2dOp c) {
    CodeBlock builder = CodeBlock.of(
        "$T.builder().setKernelShape(new $T($L, $L)).setFilters($L).optStride(new $T($L, $L))"
            + ".optPadding(new $T($L, $L)).optDilation(new $T($L, $L)).optGroups($L).optBias($L).build()",
        CONV2D, SHAPE, i(c.kernel()), i(c.kernel()), i(c.out()), SHAPE, i(c.stride()), i(c.stride()),
        SHAPE, i(c.padding()), i(c.padding()), SHAPE, i(c.dilation()), i(c.dilation()), i(c.groups()), b(c.bias()));
    return child(CONV2D, builder);
  }

  /**
   * DJL's PyTorch engine has no deconvolution, so a transposed convolution is written as what it
   * equals: the input spread out (stride - 1 zeros between pixels, outputPadding zeros after),
   * then an ordinary stride-1 convolution with padding kernel - 1 - padding. Its weight is the
   * transposed convolution's, flipped and with in and out swapped (the ONNX export undoes that).
   */
  @Override
  public Emission convTranspose2d(ConvTranspose2dOp c) {
    int k = i(c.kernel());
    int pad = k - 1 - i(c.padding());
    CodeBlock builder = CodeBlock.of(
        "$T.builder().setKernelShape(new $T($L, $L)).setFilters($L).optPadding(new $T($L, $L)).optBias($L).build()",
        CONV2D, SHAPE, k, k, i(c.out()), SHAPE, pad, pad, b(c.bias()));
    TensorShape x0 = inShapes.get(0);
    int stride = i(c.stride());
    int extra = i(c.outputPadding());
    TensorShape spread = TensorShape.of(x0.dim(0), x0.dim(1), (x0.dim(2) - 1) * stride + 1 + extra, (x0.dim(3) - 1) * stride + 1 + extra);
    CodeBlock input = CodeBlock.of("$L($N, $L, $L)", SPREAD, x, stride, extra);
    return new Emission(CONV2D, builder,
        CodeBlock.of("this.$N.forward(parameterStore, new $T($L), training, params).singletonOrThrow()", field, ND_LIST, input),
        spread, true);
  }

  @Override
  public Emission linear(LinearOp l) {
    return child(LINEAR, CodeBlock.of("$T.builder().setUnits($L).optBias($L).build()", LINEAR, i(l.out()), b(l.bias())));
  }

  @Override
  public Emission embedding(EmbeddingOp e) {
    return child(ID_EMBEDDING, CodeBlock.of("new $T.Builder().setDictionarySize($L).setEmbeddingSize($L).build()",
        ID_EMBEDDING, i(e.count()), i(e.dim())));
  }

  @Override
  public Emission dropout(DropoutOp d) {
    return child(DROPOUT, CodeBlock.of("$T.builder().optRate($L).build()", DROPOUT, floatLiteral(float32(node, "p", d.p()))));
  }

  @Override
  public Emission batchNorm1d(BatchNorm1dOp bn) {
    return batchNorm(bn.eps(), bn.momentum());
  }

  @Override
  public Emission batchNorm2d(BatchNorm2dOp bn) {
    return batchNorm(bn.eps(), bn.momentum());
  }

  private Emission batchNorm(Expr eps, Expr momentum) {
    // DJL's momentum weighs the running statistic, PyTorch's the new batch: djl = 1 - torch.
    return child(BATCH_NORM, CodeBlock.of("$T.builder().optAxis(1).optEpsilon($L).optMomentum($L).build()",
        BATCH_NORM, floatLiteral(float32(node, "eps", eps)), floatLiteral(float32(node, "momentum", 1 - d(momentum)))));
  }

  @Override
  public Emission layerNorm(LayerNormOp ln) {
    int rank = inShapes.get(0).rank();
    int count = ints(ln.shape()).size();
    String axes = IntStream.range(rank - count, rank).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    return child(LAYER_NORM, CodeBlock.of("$T.builder().axis($L).optEpsilon($L).build()", LAYER_NORM, axes,
        floatLiteral(float32(node, "eps", ln.eps()))));
  }

  @Override
  public Emission lstm(LstmOp r) {
    return recurrent(LSTM, r);
  }

  @Override
  public Emission gru(GruOp r) {
    return recurrent(GRU, r);
  }

  private Emission recurrent(ClassName type, RecurrentOp r) {
    CodeBlock builder = CodeBlock.of("$T.builder().setStateSize($L).setNumLayers($L).optBatchFirst(true).optReturnState(false).build()",
        type, i(r.hidden()), i(r.layers()));
    CodeBlock sequence = CodeBlock.of("this.$N.forward(parameterStore, new $T($N), training, params).head()", field, ND_LIST, x);
    // The last step of (N, T, hidden) is the output a classifier reads.
    CodeBlock value = b(r.sequence()) ? sequence : CodeBlock.of("$L.get(new $T(\":, -1, :\"))", sequence, ND_INDEX);
    return new Emission(type, builder, value, null, false);
  }

  @Override
  public Emission multiHeadAttention(MultiHeadAttentionOp a) {
    // No dropout inside: the IR has none, and inference and training then compute the same.
    return child(ATTENTION, CodeBlock.of("$T.builder().setEmbeddingSize($L).setHeadCount($L).optAttentionProbsDropoutProb(0f).build()",
        ATTENTION, longLiteral(out.dim(2)), i(a.heads())));
  }

  @Override
  public Emission relu(ReluOp op) {
    return call("relu");
  }

  @Override
  public Emission relu6(Relu6Op op) {
    return call("relu6");
  }

  @Override
  public Emission sigmoid(SigmoidOp op) {
    return call("sigmoid");
  }

  @Override
  public Emission tanh(TanhOp op) {
    return call("tanh");
  }

  @Override
  public Emission gelu(GeluOp op) {
    return call("gelu");
  }

  @Override
  public Emission swish(SwishOp op) {
    return Emission.inline(CodeBlock.of("$T.swish($N, 1f)", ACTIVATION, x));
  }

  @Override
  public Emission maxPool2d(MaxPool2dOp p) {
    return Emission.inline(CodeBlock.of("$T.maxPool2d($N, new $T($L, $L), new $T($L, $L), new $T($L, $L), false)",
        POOL, x, SHAPE, i(p.kernel()), i(p.kernel()), SHAPE, i(p.stride()), i(p.stride()), SHAPE, i(p.padding()), i(p.padding())));
  }

  @Override
  public Emission avgPool2d(AvgPool2dOp p) {
    return Emission.inline(CodeBlock.of("$T.avgPool2d($N, new $T($L, $L), new $T($L, $L), new $T($L, $L), false, true)",
        POOL, x, SHAPE, i(p.kernel()), i(p.kernel()), SHAPE, i(p.stride()), i(p.stride()), SHAPE, i(p.padding()), i(p.padding())));
  }

  @Override
  public Emission adaptiveAvgPool2d(AdaptiveAvgPool2dOp op) {
    return Emission.inline(CodeBlock.of("$T.globalAvgPool2d($N).reshape(-1, $L, 1, 1)", POOL, x, longLiteral(out.dim(1))));
  }

  @Override
  public Emission flatten(FlattenOp op) {
    return reshapeToOutput();
  }

  @Override
  public Emission reshape(ReshapeOp op) {
    return reshapeToOutput();
  }

  private Emission reshapeToOutput() {
    String dims = out.dims().subList(1, out.rank()).stream().map(OpEmitter::longLiteral).collect(Collectors.joining(", "));
    return Emission.inline(CodeBlock.of("$N.reshape(-1, $L)", x, dims));
  }

  @Override
  public Emission permute(PermuteOp p) {
    int rank = inShapes.get(0).rank();
    String axes = ints(p.dims()).stream().map(a -> Integer.toString(a < 0 ? a + rank : a)).collect(Collectors.joining(", "));
    return Emission.inline(CodeBlock.of("$N.transpose($L)", x, axes));
  }

  @Override
  public Emission slice(SliceOp s) {
    TensorShape x0 = inShapes.get(0);
    int axis = x0.axis(i(s.dim()));
    long[] range = s.range(x0.dim(axis), Decisions.NONE);
    String index = ":, ".repeat(axis) + range[0] + ":" + range[1] + (range[2] == 1 ? "" : ":" + range[2]);
    return Emission.inline(CodeBlock.of("$N.get(new $T($S))", x, ND_INDEX, index));
  }

  @Override
  public Emission softmax(SoftmaxOp s) {
    return Emission.inline(CodeBlock.of("$N.softmax($L)", x, i(s.dim())));
  }

  @Override
  public Emission logSoftmax(LogSoftmaxOp s) {
    return Emission.inline(CodeBlock.of("$N.logSoftmax($L)", x, i(s.dim())));
  }

  @Override
  public Emission add(AddOp op) {
    return chain("add", null);
  }

  @Override
  public Emission mul(MulOp op) {
    return chain("mul", null);
  }

  @Override
  public Emission average(AverageOp op) {
    return chain("add", CodeBlock.of(".div($L)", in.size()));
  }

  private Emission chain(String method, CodeBlock suffix) {
    CodeBlock.Builder chain = CodeBlock.builder().add("$N", x);
    for (String next : in.subList(1, in.size())) {
      chain.add(".$L($N)", method, next);
    }
    if (suffix != null) {
      chain.add(suffix);
    }
    return Emission.inline(chain.build());
  }

  @Override
  public Emission addScalar(AddScalarOp s) {
    return Emission.inline(CodeBlock.of("$N.add($L)", x, floatLiteral(float32(node, "value", s.value()))));
  }

  @Override
  public Emission mulScalar(MulScalarOp s) {
    return Emission.inline(CodeBlock.of("$N.mul($L)", x, floatLiteral(float32(node, "value", s.value()))));
  }

  @Override
  public Emission powScalar(PowScalarOp s) {
    return Emission.inline(CodeBlock.of("$N.pow($L)", x, floatLiteral(float32(node, "value", s.value()))));
  }

  @Override
  public Emission matMul(MatMulOp op) {
    return Emission.inline(CodeBlock.of("$N.matMul($N)", x, in.get(1)));
  }

  @Override
  public Emission cat(CatOp c) {
    return Emission.inline(CodeBlock.of("$T.concat(new $T($L), $L)", ND_ARRAYS, ND_LIST, names(in), i(c.dim())));
  }

  @Override
  public Emission mean(MeanOp r) {
    return reduce(r, "mean");
  }

  @Override
  public Emission sum(SumOp r) {
    return reduce(r, "sum");
  }

  private Emission reduce(ReduceOp r, String method) {
    // DJL's PyTorch engine reduces one axis per call: chain them from the last axis back, so
    // the indices of the axes still to reduce stay valid.
    int rank = inShapes.get(0).rank();
    List<Integer> axes = ints(r.dims()).stream().map(a -> a < 0 ? a + rank : a).sorted(Comparator.reverseOrder()).toList();
    CodeBlock.Builder chain = CodeBlock.builder().add("$N", x);
    for (int axis : axes) {
      chain.add(".$L(new int[] {$L}, $L)", method, axis, b(r.keepDim()));
    }
    return Emission.inline(chain.build());
  }

  @Override
  public Emission identity(IdentityOp op) {
    return Emission.inline(CodeBlock.of("$N", x));
  }

  @Override
  public Emission zero(ZeroOp op) {
    return Emission.inline(CodeBlock.of("$N.zerosLike()", x));
  }

  /**
   * The user's own block, constructed with its arguments as literals of the constructor's
   * parameter types; the generated class then depends on the user's class (its header says so).
   */
  @Override
  public Emission userBlock(UserBlockOp u) {
    String type = u.type(Decisions.NONE);
    List<Object> args = u.args(Decisions.NONE);
    Class<?>[] params = DjlBlockShapes.constructor(type, args).getParameterTypes();
    CodeBlock.Builder literals = CodeBlock.builder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        literals.add(", ");
      }
      literals.add(literal(DjlBlockShapes.convert(args.get(i), params[i])));
    }
    ClassName block = ClassName.get(DjlBlockShapes.blockClass(type));
    return child(block, CodeBlock.of("new $T($L)", block, literals.build()));
  }

  private CodeBlock literal(Object value) {
    if (value instanceof Float f) {
      return CodeBlock.of("$L", floatLiteral(float32(node, "args", f.doubleValue())));
    }
    if (value instanceof Long l) {
      return CodeBlock.of("$LL", l);
    }
    if (value instanceof String text) {
      return CodeBlock.of("$S", text);
    }
    return CodeBlock.of("$L", value);
  }

  private Emission child(ClassName type, CodeBlock builder) {
    return new Emission(type, builder,
        CodeBlock.of("this.$N.forward(parameterStore, new $T($N), training, params).singletonOrThrow()", field, ND_LIST, x),
        null, false);
  }

  private Emission call(String method) {
    return Emission.inline(CodeBlock.of("$T.$L($N)", ACTIVATION, method, x));
  }

  /** Which ops own a child block: those with parameters or running statistics, and dropout. */
  private static final OpVisitor<Boolean> CHILD_OWNERS = new OpVisitor<>() {
    @Override public Boolean conv1d(Conv1dOp op) { return true; }
    @Override public Boolean conv2d(Conv2dOp op) { return true; }
    @Override public Boolean convTranspose2d(ConvTranspose2dOp op) { return true; }
    @Override public Boolean linear(LinearOp op) { return true; }
    @Override public Boolean embedding(EmbeddingOp op) { return true; }
    @Override public Boolean dropout(DropoutOp op) { return true; }
    @Override public Boolean batchNorm1d(BatchNorm1dOp op) { return true; }
    @Override public Boolean batchNorm2d(BatchNorm2dOp op) { return true; }
    @Override public Boolean layerNorm(LayerNormOp op) { return true; }
    @Override public Boolean lstm(LstmOp op) { return true; }
    @Override public Boolean gru(GruOp op) { return true; }
    @Override public Boolean multiHeadAttention(MultiHeadAttentionOp op) { return true; }
    @Override public Boolean relu(ReluOp op) { return false; }
    @Override public Boolean relu6(Relu6Op op) { return false; }
    @Override public Boolean sigmoid(SigmoidOp op) { return false; }
    @Override public Boolean tanh(TanhOp op) { return false; }
    @Override public Boolean gelu(GeluOp op) { return false; }
    @Override public Boolean swish(SwishOp op) { return false; }
    @Override public Boolean maxPool2d(MaxPool2dOp op) { return false; }
    @Override public Boolean avgPool2d(AvgPool2dOp op) { return false; }
    @Override public Boolean adaptiveAvgPool2d(AdaptiveAvgPool2dOp op) { return false; }
    @Override public Boolean flatten(FlattenOp op) { return false; }
    @Override public Boolean reshape(ReshapeOp op) { return false; }
    @Override public Boolean permute(PermuteOp op) { return false; }
    @Override public Boolean slice(SliceOp op) { return false; }
    @Override public Boolean softmax(SoftmaxOp op) { return false; }
    @Override public Boolean logSoftmax(LogSoftmaxOp op) { return false; }
    @Override public Boolean add(AddOp op) { return false; }
    @Override public Boolean mul(MulOp op) { return false; }
    @Override public Boolean average(AverageOp op) { return false; }
    @Override public Boolean addScalar(AddScalarOp op) { return false; }
    @Override public Boolean mulScalar(MulScalarOp op) { return false; }
    @Override public Boolean powScalar(PowScalarOp op) { return false; }
    @Override public Boolean matMul(MatMulOp op) { return false; }
    @Override public Boolean cat(CatOp op) { return false; }
    @Override public Boolean mean(MeanOp op) { return false; }
    @Override public Boolean sum(SumOp op) { return false; }
    @Override public Boolean identity(IdentityOp op) { return false; }
    @Override public Boolean zero(ZeroOp op) { return false; }
    @Override public Boolean userBlock(UserBlockOp op) { return true; }
  };

  private static CodeBlock names(List<String> in) {
    return in.stream().map(n -> CodeBlock.of("$N", n)).collect(CodeBlock.joining(", "));
  }

  /** A float literal; {@code value} comes from {@link FrozenAttrs#float32}, so it is finite. */
  private static String floatLiteral(float value) {
    return Float.toString(value) + "f";
  }

  /**
   * A size as a Java literal: an int literal when it fits one (as every size but a huge flattened
   * one does, and as goldens read), else a long literal, since a bare literal past the int range
   * does not compile. DJL takes sizes as longs either way.
   */
  static String longLiteral(long value) {
    return value == (int) value ? Long.toString(value) : value + "L";
  }

}
