package dev.jnas.codegen;

import static dev.jnas.codegen.FrozenAttrs.b;
import static dev.jnas.codegen.FrozenAttrs.float32;
import static dev.jnas.codegen.FrozenAttrs.i;
import static dev.jnas.codegen.FrozenAttrs.value;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.jnas.ir.Analysis;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.Node;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a frozen graph and the trained parameters of its generated DJL block as an ONNX model
 * (opset 17) that ONNX Runtime runs with the same answers. Dropout is the identity, as at
 * inference. The architecture hash is stored as model metadata ({@value #ARCHITECTURE_KEY}).
 */
public final class OnnxExporter {
  public static final int OPSET = 17;
  public static final String ARCHITECTURE_KEY = "jnas.architecture";

  /** A parameter: its shape and values in row-major order. */
  public record Weights(long[] shape, float[] values) {}

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Map<String, Map<String, Weights>> weights;
  private final Map<String, TensorShape> shapes = new HashMap<>();
  private final java.util.Set<String> initializers = new java.util.HashSet<>();
  private int helpers;

  OnnxExporter(Map<String, Map<String, Weights>> weights) {
    this.weights = weights;
  }

  /** The ONNX model of {@code frozen} with the parameters of {@code block}, its generated DJL block. */
  public static byte[] export(Graph frozen, Block block, String architectureHash) {
    return export(frozen, weightsOf(frozen, block), architectureHash);
  }

  /** The ONNX model of {@code frozen} with parameters by node name and parameter name. */
  public static byte[] export(Graph frozen, Map<String, Map<String, Weights>> weights, String architectureHash) {
    if (!frozen.isFrozen()) {
      throw new IllegalArgumentException("ONNX export needs a frozen graph");
    }
    OnnxExporter exporter = new OnnxExporter(weights);
    exporter.build(frozen);
    ModelProto model = ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("jnas")
        .setProducerVersion("0.1.0")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .addMetadataProps(StringStringEntryProto.newBuilder().setKey(ARCHITECTURE_KEY).setValue(architectureHash))
        .setGraph(exporter.graph.setName(frozen.name()))
        .build();
    return model.toByteArray();
  }

  /**
   * The parameters of a generated block by IR node: its child blocks, registered in node order, are
   * the nodes that own parameters ({@link OpEmitter#hasChild}).
   */
  public static Map<String, Map<String, Weights>> weightsOf(Graph frozen, Block block) {
    List<Node> owners = frozen.nodes().stream().filter(n -> n.shares() == null && OpEmitter.hasChild((PrimitiveOp) n.op())).toList();
    List<Pair<String, Block>> children = block.getChildren().stream().toList();
    if (children.size() != owners.size()) {
      throw new IllegalArgumentException("the block has " + children.size() + " children but the graph " + owners.size()
          + " nodes with parameters; is it the generated block of this graph?");
    }
    Map<String, Map<String, Weights>> out = new LinkedHashMap<>();
    for (int i = 0; i < owners.size(); i++) {
      Map<String, Weights> params = new LinkedHashMap<>();
      for (Pair<String, Parameter> p : children.get(i).getValue().getParameters()) {
        if (!p.getValue().isInitialized()) {
          throw new IllegalStateException("parameter " + p.getKey() + " of " + owners.get(i).name() + " is not initialised");
        }
        params.put(p.getKey(), new Weights(p.getValue().getArray().getShape().getShape(), p.getValue().getArray().toFloatArray()));
      }
      out.put(owners.get(i).name(), params);
    }
    return out;
  }

  private void build(Graph frozen) {
    Analysis analysis = Analysis.of(frozen);
    for (GraphInput input : frozen.inputs()) {
      TensorShape shape = input.shape().orElseThrow();
      shapes.put(input.name(), shape);
      graph.addInput(valueInfo(input.name(), shape));
    }
    analysis.nodes().forEach((name, stats) -> shapes.put(name, stats.shape()));
    for (Node node : frozen.nodes()) {
      emit(node);
    }
    for (int i = 0; i < frozen.outputs().size(); i++) {
      graph.addOutput(valueInfo(frozen.outputs().get(i), analysis.outputs().get(i)));
    }
  }

  /** Adds the ONNX nodes of one node of a frozen graph, whose input shapes and own are known. */
  void emit(Node node) {
    ((PrimitiveOp) node.op()).accept(new NodeWriter(node));
  }

  /** Writes the ONNX nodes of one IR node; a visitor, so an op without an ONNX form does not compile. */
  private final class NodeWriter implements OpVisitor<Void> {
    private final Node node;
    private final String out;
    private final List<String> in;
    private final String x;
    private final Map<String, Weights> w;

    /** Where this node's parameters live: its own name, or its owner's for a shared layer. */
    private final String owner;

    NodeWriter(Node node) {
      this.node = node;
      this.out = node.name();
      this.in = node.inputs();
      this.x = in.get(0);
      this.owner = node.shares() == null ? out : node.shares();
      this.w = weights.getOrDefault(owner, Map.of());
    }

    @Override
    public Void conv1d(Conv1dOp c) {
      List<String> inputs = weightAndBias(w.get("weight"), b(c.bias()));
      node("Conv", inputs, out, ints("kernel_shape", i(c.kernel())), ints("strides", i(c.stride())),
          ints("pads", i(c.padding()), i(c.padding())), ints("dilations", i(c.dilation())), integer("group", i(c.groups())));
      return null;
    }

    @Override
    public Void conv2d(Conv2dOp c) {
      List<String> inputs = weightAndBias(w.get("weight"), b(c.bias()));
      node("Conv", inputs, out, ints("kernel_shape", i(c.kernel()), i(c.kernel())), ints("strides", i(c.stride()), i(c.stride())),
          ints("pads", i(c.padding()), i(c.padding()), i(c.padding()), i(c.padding())),
          ints("dilations", i(c.dilation()), i(c.dilation())), integer("group", i(c.groups())));
      return null;
    }

    @Override
    public Void convTranspose2d(ConvTranspose2dOp c) {
      // The generated block holds an ordinary convolution's weight (out, in, k, k) applied to the
      // spread input (see OpEmitter); ONNX's ConvTranspose wants it flipped, as (in, out, k, k).
      List<String> inputs = weightAndBias(flippedTransposed(w.get("weight")), b(c.bias()));
      int p = i(c.padding());
      node("ConvTranspose", inputs, out, ints("kernel_shape", i(c.kernel()), i(c.kernel())), ints("strides", i(c.stride()), i(c.stride())),
          ints("pads", p, p, p, p), ints("output_padding", i(c.outputPadding()), i(c.outputPadding())));
      return null;
    }

    /** A convolution's inputs: x, the weight, and the bias when it has one. */
    private List<String> weightAndBias(Weights weight, boolean bias) {
      List<String> inputs = new ArrayList<>(List.of(x, initializer(owner + "/weight", weight)));
      if (bias) {
        inputs.add(initializer(owner + "/bias", w.get("bias")));
      }
      return inputs;
    }

    @Override
    public Void linear(LinearOp l) {
      dense(x, w.get("weight"), b(l.bias()) ? w.get("bias") : null, out, "");
      return null;
    }

    @Override
    public Void embedding(EmbeddingOp e) {
      String indices = helper(out);
      node("Cast", List.of(x), indices, integer("to", TensorProto.DataType.INT64.getNumber()));
      node("Gather", List.of(initializer(owner + "/embedding", w.get("embedding")), indices), out, integer("axis", 0));
      return null;
    }

    @Override
    public Void dropout(DropoutOp d) {
      node("Identity", List.of(x), out);
      return null;
    }

    @Override
    public Void batchNorm1d(BatchNorm1dOp bn) {
      batchNorm(float32(node, "eps", bn.eps()));
      return null;
    }

    @Override
    public Void batchNorm2d(BatchNorm2dOp bn) {
      batchNorm(float32(node, "eps", bn.eps()));
      return null;
    }

    private void batchNorm(float epsilon) {
      node("BatchNormalization", List.of(x, initializer(owner + "/gamma", w.get("gamma")), initializer(owner + "/beta", w.get("beta")),
          initializer(owner + "/mean", w.get("runningMean")), initializer(owner + "/var", w.get("runningVar"))), out,
          floatAttribute("epsilon", epsilon));
    }

    @Override
    public Void layerNorm(LayerNormOp ln) {
      float epsilon = float32(node, "eps", ln.eps());
      int axis = -((List<?>) value(ln.shape())).size();
      node("LayerNormalization", List.of(x, initializer(owner + "/gamma", w.get("gamma")), initializer(owner + "/beta", w.get("beta"))), out,
          integer("axis", axis), floatAttribute("epsilon", epsilon));
      return null;
    }

    @Override
    public Void lstm(LstmOp r) {
      // DJL's fused LSTM under the PyTorch engine does not compute what its parameters say under
      // torch's documented i, f, g, o layout (probed: an input weight alone gives 0 for a
      // one-step, one-example batch), so no ONNX form can be checked to match it. Refuse rather
      // than export different numbers; GRU, checked against ONNX Runtime, is exported.
      throw new UnsupportedOperationException("ONNX export of '" + node.name() + "' (lstm) is not supported: DJL's LSTM "
          + "parameter layout could not be matched to ONNX's; use a GRU, or export the generated .java and .params");
    }

    @Override
    public Void gru(GruOp r) {
      // PyTorch orders a GRU's gates r, z, n; ONNX orders them z, r, h, and applies the reset
      // gate after the recurrent product as PyTorch does only with linear_before_reset.
      recurrent("GRU", r, new int[] {1, 0, 2});
      return null;
    }

    /**
     * One ONNX recurrent node per layer. ONNX Runtime runs only time-major recurrences (layout 0),
     * so the batch-first input is transposed to (T, N, in) and the result back.
     */
    private void recurrent(String type, RecurrentOp r, int[] gateOrder) {
      int hidden = i(r.hidden());
      String input = helper(out);
      node("Transpose", List.of(x), input, ints("perm", 1, 0, 2));
      for (int layer = 0; layer < i(r.layers()); layer++) {
        String prefix = "l_" + layer + "_";
        String wi = initializer(owner + "/" + prefix + "W", gates(w.get(prefix + "i2h_WEIGHT"), gateOrder, hidden, true));
        String wr = initializer(owner + "/" + prefix + "R", gates(w.get(prefix + "h2h_WEIGHT"), gateOrder, hidden, true));
        Weights bi = gates(w.get(prefix + "i2h_BIAS"), gateOrder, hidden, false);
        Weights bh = gates(w.get(prefix + "h2h_BIAS"), gateOrder, hidden, false);
        float[] both = new float[bi.values().length * 2];
        System.arraycopy(bi.values(), 0, both, 0, bi.values().length);
        System.arraycopy(bh.values(), 0, both, bi.values().length, bh.values().length);
        String bias = initializer(owner + "/" + prefix + "B", new Weights(new long[] {1, both.length}, both));
        String steps = helper(out);
        List<AttributeProto> attributes = new ArrayList<>(List.of(integer("hidden_size", hidden)));
        if (type.equals("GRU")) {
          attributes.add(integer("linear_before_reset", 1));
        }
        node(type, List.of(input, wi, wr, bias), steps, attributes.toArray(new AttributeProto[0]));
        // Y is (T, directions, N, hidden): drop the directions axis.
        String sequence = helper(out);
        node("Squeeze", List.of(steps, int64(out + "/" + prefix + "axes", new long[] {1})), sequence);
        input = sequence;
      }
      if (b(r.sequence())) {
        node("Transpose", List.of(input), out, ints("perm", 1, 0, 2));
      } else {
        String last = helper(out);
        node("Slice", List.of(input, int64(last + "/starts", new long[] {-1}), int64(last + "/ends", new long[] {Long.MAX_VALUE}),
            int64(last + "/axes", new long[] {0})), last);
        node("Squeeze", List.of(last, int64(out + "/squeeze", new long[] {0})), out);
      }
    }

    @Override
    public Void multiHeadAttention(MultiHeadAttentionOp a) {
      TensorShape shape = shapes.get(out);
      long steps = shape.dim(1);
      long embed = shape.dim(2);
      long heads = i(a.heads());
      long size = embed / heads;
      String q = heads(dense(x, w.get("02queryProjection_weight"), w.get("02queryProjection_bias"), helper(out), "q"), steps, heads, size);
      String k = heads(dense(x, w.get("01keyProjection_weight"), w.get("01keyProjection_bias"), helper(out), "k"), steps, heads, size);
      String v = heads(dense(x, w.get("03valueProjection_weight"), w.get("03valueProjection_bias"), helper(out), "v"), steps, heads, size);
      String keysT = helper(out);
      node("Transpose", List.of(k), keysT, ints("perm", 0, 1, 3, 2));
      String scores = helper(out);
      node("MatMul", List.of(q, keysT), scores);
      String scaled = helper(out);
      node("Mul", List.of(scores, scalar(out + "/scale", (float) (1 / Math.sqrt(size)))), scaled);
      String probs = helper(out);
      node("Softmax", List.of(scaled), probs, integer("axis", 3));
      String mixed = helper(out);
      node("MatMul", List.of(probs, v), mixed);
      String back = helper(out);
      node("Transpose", List.of(mixed), back, ints("perm", 0, 2, 1, 3));
      String joined = helper(out);
      node("Reshape", List.of(back, int64(out + "/joined", new long[] {-1, steps, embed})), joined);
      dense(joined, w.get("04resultProjection_weight"), w.get("04resultProjection_bias"), out, "o");
      return null;
    }

    /** (N, T, embed) to (N, heads, T, size). */
    private String heads(String projected, long steps, long heads, long size) {
      String split = helper(out);
      node("Reshape", List.of(projected, int64(split + "/shape", new long[] {-1, steps, heads, size})), split);
      String moved = helper(out);
      node("Transpose", List.of(split), moved, ints("perm", 0, 2, 1, 3));
      return moved;
    }

    /** {@code input * weight^T + bias} (bias optional) into {@code result}; {@code tag} keeps initializer names apart. */
    private String dense(String input, Weights weight, Weights bias, String result, String tag) {
      String product = bias != null ? helper(out) : result;
      node("MatMul", List.of(input, initializer(owner + "/" + tag + "weight_t", transpose(weight))), product);
      if (bias != null) {
        node("Add", List.of(product, initializer(owner + "/" + tag + "bias", bias)), result);
      }
      return result;
    }

    @Override
    public Void relu(ReluOp op) {
      node("Relu", List.of(x), out);
      return null;
    }

    @Override
    public Void relu6(Relu6Op op) {
      node("Clip", List.of(x, scalar(out + "/min", 0f), scalar(out + "/max", 6f)), out);
      return null;
    }

    @Override
    public Void sigmoid(SigmoidOp op) {
      node("Sigmoid", List.of(x), out);
      return null;
    }

    @Override
    public Void tanh(TanhOp op) {
      node("Tanh", List.of(x), out);
      return null;
    }

    @Override
    public Void gelu(GeluOp op) {
      // opset 17 has no Gelu: 0.5 * x * (1 + erf(x / sqrt(2)))
      String scaled = helper(out);
      node("Div", List.of(x, scalar(out + "/sqrt2", (float) Math.sqrt(2))), scaled);
      String erf = helper(out);
      node("Erf", List.of(scaled), erf);
      String plus = helper(out);
      node("Add", List.of(erf, scalar(out + "/one", 1f)), plus);
      String times = helper(out);
      node("Mul", List.of(x, plus), times);
      node("Mul", List.of(times, scalar(out + "/half", 0.5f)), out);
      return null;
    }

    @Override
    public Void swish(SwishOp op) {
      String sigmoid = helper(out);
      node("Sigmoid", List.of(x), sigmoid);
      node("Mul", List.of(x, sigmoid), out);
      return null;
    }

    @Override
    public Void maxPool2d(MaxPool2dOp p) {
      node("MaxPool", List.of(x), out, ints("kernel_shape", i(p.kernel()), i(p.kernel())), ints("strides", i(p.stride()), i(p.stride())),
          ints("pads", i(p.padding()), i(p.padding()), i(p.padding()), i(p.padding())));
      return null;
    }

    @Override
    public Void avgPool2d(AvgPool2dOp p) {
      node("AveragePool", List.of(x), out, ints("kernel_shape", i(p.kernel()), i(p.kernel())), ints("strides", i(p.stride()), i(p.stride())),
          ints("pads", i(p.padding()), i(p.padding()), i(p.padding()), i(p.padding())), integer("count_include_pad", 1));
      return null;
    }

    @Override
    public Void adaptiveAvgPool2d(AdaptiveAvgPool2dOp op) {
      node("GlobalAveragePool", List.of(x), out);
      return null;
    }

    @Override
    public Void flatten(FlattenOp op) {
      return reshapeToOutput();
    }

    @Override
    public Void reshape(ReshapeOp op) {
      return reshapeToOutput();
    }

    private Void reshapeToOutput() {
      TensorShape target = shapes.get(out);
      long[] dims = new long[target.rank()];
      dims[0] = -1;
      for (int k = 1; k < dims.length; k++) {
        dims[k] = target.dim(k);
      }
      node("Reshape", List.of(x, int64(out + "/shape", dims)), out);
      return null;
    }

    @Override
    public Void permute(PermuteOp p) {
      int rank = shapes.get(out).rank();
      node("Transpose", List.of(x), out, ints("perm", ((List<?>) value(p.dims())).stream()
          .mapToLong(a -> (Integer) a < 0 ? (Integer) a + rank : (Integer) a).toArray()));
      return null;
    }

    @Override
    public Void slice(SliceOp s) {
      TensorShape input = shapes.get(x);
      int axis = input.axis(i(s.dim()));
      long[] range = s.range(input.dim(axis), Decisions.NONE);
      node("Slice", List.of(x, int64(out + "/starts", new long[] {range[0]}), int64(out + "/ends", new long[] {range[1]}),
          int64(out + "/axes", new long[] {axis}), int64(out + "/steps", new long[] {range[2]})), out);
      return null;
    }

    @Override
    public Void softmax(SoftmaxOp s) {
      node("Softmax", List.of(x), out, integer("axis", i(s.dim())));
      return null;
    }

    @Override
    public Void logSoftmax(LogSoftmaxOp s) {
      node("LogSoftmax", List.of(x), out, integer("axis", i(s.dim())));
      return null;
    }

    @Override
    public Void add(AddOp op) {
      node("Sum", in, out);
      return null;
    }

    @Override
    public Void mul(MulOp op) {
      String left = in.get(0);
      for (int k = 1; k < in.size(); k++) {
        String product = k == in.size() - 1 ? out : helper(out);
        node("Mul", List.of(left, in.get(k)), product);
        left = product;
      }
      return null;
    }

    @Override
    public Void average(AverageOp op) {
      node("Mean", in, out);
      return null;
    }

    @Override
    public Void addScalar(AddScalarOp s) {
      node("Add", List.of(x, scalar(out + "/value", float32(node, "value", s.value()))), out);
      return null;
    }

    @Override
    public Void mulScalar(MulScalarOp s) {
      node("Mul", List.of(x, scalar(out + "/value", float32(node, "value", s.value()))), out);
      return null;
    }

    @Override
    public Void powScalar(PowScalarOp s) {
      node("Pow", List.of(x, scalar(out + "/value", float32(node, "value", s.value()))), out);
      return null;
    }

    @Override
    public Void matMul(MatMulOp op) {
      node("MatMul", in, out);
      return null;
    }

    @Override
    public Void cat(CatOp c) {
      node("Concat", in, out, integer("axis", i(c.dim())));
      return null;
    }

    @Override
    public Void mean(MeanOp r) {
      node("ReduceMean", List.of(x), out, ints("axes", axes(r)), integer("keepdims", b(r.keepDim()) ? 1 : 0));
      return null;
    }

    @Override
    public Void sum(SumOp r) {
      node("ReduceSum", List.of(x, int64(out + "/axes", axes(r))), out, integer("keepdims", b(r.keepDim()) ? 1 : 0));
      return null;
    }

    private long[] axes(ReduceOp r) {
      return ((List<?>) value(r.dims())).stream().mapToLong(a -> ((Integer) a).longValue()).toArray();
    }

    @Override
    public Void identity(IdentityOp op) {
      node("Identity", List.of(x), out);
      return null;
    }

    @Override
    public Void userBlock(UserBlockOp u) {
      throw new UnsupportedOperationException("ONNX export of '" + node.name() + "' is not supported: it is the user block "
          + u.type(Decisions.NONE) + ", whose computation jnas does not know; export the generated .java and .params");
    }

    @Override
    public Void zero(ZeroOp op) {
      node("Mul", List.of(x, scalar(out + "/zero", 0f)), out);
      return null;
    }
  }

  /** A recurrent weight or bias with its gate blocks ({@code hidden} rows each) reordered, with a leading directions axis of 1. */
  private static Weights gates(Weights weights, int[] order, int hidden, boolean matrix) {
    if (weights == null) {
      throw new IllegalArgumentException("no trained recurrent parameter");
    }
    int columns = matrix ? (int) weights.shape()[1] : 1;
    int block = hidden * columns;
    float[] out = new float[weights.values().length];
    for (int g = 0; g < order.length; g++) {
      System.arraycopy(weights.values(), order[g] * block, out, g * block, block);
    }
    long[] shape = matrix ? new long[] {1, weights.shape()[0], columns} : new long[] {weights.shape()[0]};
    return new Weights(shape, out);
  }

  /** (out, in, k, k) to (in, out, k, k) with both kernel axes reversed. */
  private static Weights flippedTransposed(Weights weights) {
    if (weights == null) {
      throw new IllegalArgumentException("no trained parameter for a transposed convolution");
    }
    long[] s = weights.shape();
    int o = (int) s[0];
    int n = (int) s[1];
    int kh = (int) s[2];
    int kw = (int) s[3];
    float[] out = new float[weights.values().length];
    for (int a = 0; a < o; a++) {
      for (int b = 0; b < n; b++) {
        for (int y = 0; y < kh; y++) {
          for (int z = 0; z < kw; z++) {
            out[((b * o + a) * kh + (kh - 1 - y)) * kw + (kw - 1 - z)] = weights.values()[((a * n + b) * kh + y) * kw + z];
          }
        }
      }
    }
    return new Weights(new long[] {n, o, kh, kw}, out);
  }

  // ---- protobuf plumbing --------------------------------------------------------------------

  private void node(String type, List<String> inputs, String output, AttributeProto... attributes) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(type).setName(output + "/" + type).addAllInput(inputs).addOutput(output);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
  }

  private String helper(String owner) {
    return owner + "/" + (helpers++);
  }

  private String initializer(String name, Weights w) {
    if (w == null) {
      throw new IllegalArgumentException("no trained parameter for " + name);
    }
    if (!initializers.add(name)) {
      return name; // a shared layer's second call reads the owner's tensor
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : w.shape()) {
      t.addDims(d);
    }
    for (float v : w.values()) {
      t.addFloatData(v);
    }
    graph.addInitializer(t);
    return name;
  }

  private String scalar(String name, float value) {
    return initializer(name, new Weights(new long[0], new float[] {value}));
  }

  private String int64(String name, long[] values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
        .addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    graph.addInitializer(t);
    return name;
  }

  private static Weights transpose(Weights w) {
    int rows = (int) w.shape()[0];
    int cols = (int) w.shape()[1];
    float[] t = new float[w.values().length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = w.values()[r * cols + c];
      }
    }
    return new Weights(new long[] {cols, rows}, t);
  }

  private static ValueInfoProto valueInfo(String name, TensorShape shape) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (long d : shape.dims()) {
      dims.addDim(d == TensorShape.UNKNOWN ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
          : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(dims))).build();
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  private static AttributeProto floatAttribute(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }
}
