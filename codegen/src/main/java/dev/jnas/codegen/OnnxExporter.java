package dev.jnas.codegen;

import static dev.jnas.codegen.FrozenAttrs.value;
import static dev.jnas.codegen.FrozenAttrs.i;
import static dev.jnas.codegen.FrozenAttrs.b;
import static dev.jnas.codegen.FrozenAttrs.float32;

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
import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.Node;
import dev.jnas.ir.Shape;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.AdaptiveAvgPool2d;
import dev.jnas.ir.op.Add;
import dev.jnas.ir.op.Average;
import dev.jnas.ir.op.AvgPool2d;
import dev.jnas.ir.op.BatchNorm2d;
import dev.jnas.ir.op.Cat;
import dev.jnas.ir.op.Conv2d;
import dev.jnas.ir.op.Dropout;
import dev.jnas.ir.op.Flatten;
import dev.jnas.ir.op.Gelu;
import dev.jnas.ir.op.Identity;
import dev.jnas.ir.op.LayerNorm;
import dev.jnas.ir.op.Linear;
import dev.jnas.ir.op.LogSoftmax;
import dev.jnas.ir.op.MaxPool2d;
import dev.jnas.ir.op.Mean;
import dev.jnas.ir.op.Mul;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.ReduceOp;
import dev.jnas.ir.op.Relu;
import dev.jnas.ir.op.Relu6;
import dev.jnas.ir.op.Reshape;
import dev.jnas.ir.op.Sigmoid;
import dev.jnas.ir.op.Softmax;
import dev.jnas.ir.op.Swish;
import dev.jnas.ir.op.Tanh;
import dev.jnas.ir.op.Zero;
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
  private final Map<String, Shape> shapes = new HashMap<>();
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
    List<Node> owners = frozen.nodes().stream().filter(n -> OpEmitter.hasChild((PrimitiveOp) n.op())).toList();
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
      Shape shape = input.shape().orElseThrow();
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
    PrimitiveOp op = (PrimitiveOp) node.op();
    String out = node.name();
    List<String> in = node.inputs();
    String x = in.get(0);
    Map<String, Weights> w = weights.getOrDefault(out, Map.of());
    if (op instanceof Conv2d c) {
      List<String> inputs = new ArrayList<>(List.of(x, initializer(out + "/weight", w.get("weight"))));
      if (b(c.bias())) {
        inputs.add(initializer(out + "/bias", w.get("bias")));
      }
      node("Conv", inputs, out, ints("kernel_shape", i(c.kernel()), i(c.kernel())), ints("strides", i(c.stride()), i(c.stride())),
          ints("pads", i(c.padding()), i(c.padding()), i(c.padding()), i(c.padding())),
          ints("dilations", i(c.dilation()), i(c.dilation())), integer("group", i(c.groups())));
    } else if (op instanceof Linear l) {
      Weights weight = w.get("weight");
      String product = b(l.bias()) ? helper(out) : out;
      node("MatMul", List.of(x, initializer(out + "/weight_t", transpose(weight))), product);
      if (b(l.bias())) {
        node("Add", List.of(product, initializer(out + "/bias", w.get("bias"))), out);
      }
    } else if (op instanceof Dropout || op instanceof Identity) {
      node("Identity", List.of(x), out);
    } else if (op instanceof BatchNorm2d bn) {
      float epsilon = float32(node, "eps", bn.eps());
      node("BatchNormalization", List.of(x, initializer(out + "/gamma", w.get("gamma")), initializer(out + "/beta", w.get("beta")),
          initializer(out + "/mean", w.get("runningMean")), initializer(out + "/var", w.get("runningVar"))), out,
          floatAttribute("epsilon", epsilon));
    } else if (op instanceof LayerNorm ln) {
      float epsilon = float32(node, "eps", ln.eps());
      int axis = -((List<?>) value(ln.shape())).size();
      node("LayerNormalization", List.of(x, initializer(out + "/gamma", w.get("gamma")), initializer(out + "/beta", w.get("beta"))), out,
          integer("axis", axis), floatAttribute("epsilon", epsilon));
    } else if (op instanceof Relu) {
      node("Relu", List.of(x), out);
    } else if (op instanceof Relu6) {
      node("Clip", List.of(x, scalar(out + "/min", 0f), scalar(out + "/max", 6f)), out);
    } else if (op instanceof Sigmoid) {
      node("Sigmoid", List.of(x), out);
    } else if (op instanceof Tanh) {
      node("Tanh", List.of(x), out);
    } else if (op instanceof Gelu) {
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
    } else if (op instanceof Swish) {
      String sigmoid = helper(out);
      node("Sigmoid", List.of(x), sigmoid);
      node("Mul", List.of(x, sigmoid), out);
    } else if (op instanceof MaxPool2d p) {
      node("MaxPool", List.of(x), out, ints("kernel_shape", i(p.kernel()), i(p.kernel())), ints("strides", i(p.stride()), i(p.stride())),
          ints("pads", i(p.padding()), i(p.padding()), i(p.padding()), i(p.padding())));
    } else if (op instanceof AvgPool2d p) {
      node("AveragePool", List.of(x), out, ints("kernel_shape", i(p.kernel()), i(p.kernel())), ints("strides", i(p.stride()), i(p.stride())),
          ints("pads", i(p.padding()), i(p.padding()), i(p.padding()), i(p.padding())), integer("count_include_pad", 1));
    } else if (op instanceof AdaptiveAvgPool2d) {
      node("GlobalAveragePool", List.of(x), out);
    } else if (op instanceof Flatten || op instanceof Reshape) {
      Shape target = shapes.get(out);
      long[] dims = new long[target.rank()];
      dims[0] = -1;
      for (int k = 1; k < dims.length; k++) {
        dims[k] = target.dim(k);
      }
      node("Reshape", List.of(x, int64(out + "/shape", dims)), out);
    } else if (op instanceof LogSoftmax s) {
      node("LogSoftmax", List.of(x), out, integer("axis", i(s.dim())));
    } else if (op instanceof Softmax s) {
      node("Softmax", List.of(x), out, integer("axis", i(s.dim())));
    } else if (op instanceof Add) {
      node("Sum", in, out);
    } else if (op instanceof Average) {
      node("Mean", in, out);
    } else if (op instanceof Mul) {
      String left = in.get(0);
      for (int k = 1; k < in.size(); k++) {
        String product = k == in.size() - 1 ? out : helper(out);
        node("Mul", List.of(left, in.get(k)), product);
        left = product;
      }
    } else if (op instanceof Cat c) {
      node("Concat", in, out, integer("axis", i(c.dim())));
    } else if (op instanceof ReduceOp r) {
      long[] axes = ((List<?>) value(r.dims())).stream().mapToLong(a -> ((Integer) a).longValue()).toArray();
      if (op instanceof Mean) {
        node("ReduceMean", List.of(x), out, ints("axes", axes), integer("keepdims", b(r.keepDim()) ? 1 : 0));
      } else {
        node("ReduceSum", List.of(x, int64(out + "/axes", axes)), out, integer("keepdims", b(r.keepDim()) ? 1 : 0));
      }
    } else if (op instanceof Zero) {
      node("Mul", List.of(x, scalar(out + "/zero", 0f)), out);
    } else {
      throw new IllegalArgumentException("no ONNX export for " + op.kind());
    }
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

  private static ValueInfoProto valueInfo(String name, Shape shape) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (long d : shape.dims()) {
      dims.addDim(d == Shape.UNKNOWN ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
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
