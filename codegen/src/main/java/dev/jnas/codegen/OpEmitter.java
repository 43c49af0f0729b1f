package dev.jnas.codegen;

import static dev.jnas.codegen.FrozenAttrs.value;
import static dev.jnas.codegen.FrozenAttrs.i;
import static dev.jnas.codegen.FrozenAttrs.b;
import static dev.jnas.codegen.FrozenAttrs.d;
import static dev.jnas.codegen.FrozenAttrs.float32;
import static dev.jnas.codegen.FrozenAttrs.ints;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.jnas.ir.Node;
import dev.jnas.ir.Shape;
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
import java.util.List;
import java.util.stream.Collectors;

/** Turns one frozen primitive op into DJL code: a child block, or an NDArray expression. */
final class OpEmitter {
  static final ClassName ND_ARRAY = ClassName.get("ai.djl.ndarray", "NDArray");
  static final ClassName ND_LIST = ClassName.get("ai.djl.ndarray", "NDList");
  static final ClassName ND_ARRAYS = ClassName.get("ai.djl.ndarray", "NDArrays");
  static final ClassName SHAPE = ClassName.get("ai.djl.ndarray.types", "Shape");
  static final ClassName ACTIVATION = ClassName.get("ai.djl.nn", "Activation");
  static final ClassName POOL = ClassName.get("ai.djl.nn.pooling", "Pool");
  static final ClassName CONV2D = ClassName.get("ai.djl.nn.convolutional", "Conv2d");
  static final ClassName LINEAR = ClassName.get("ai.djl.nn.core", "Linear");
  static final ClassName DROPOUT = ClassName.get("ai.djl.nn.norm", "Dropout");
  static final ClassName BATCH_NORM = ClassName.get("ai.djl.nn.norm", "BatchNorm");
  static final ClassName LAYER_NORM = ClassName.get("ai.djl.nn.norm", "LayerNorm");

  private OpEmitter() {}

  /**
   * @param node a node of a frozen graph, its op primitive
   * @param field the child block's field name (used when the op has one)
   * @param in the local variables holding the node's inputs
   * @param inShapes the IR's shapes of those inputs; {@code out} the node's output shape
   */
  static Emission emit(Node node, String field, List<String> in, List<Shape> inShapes, Shape out) {
    PrimitiveOp op = (PrimitiveOp) node.op();
    String x = in.get(0);
    if (op instanceof Conv2d c) {
      CodeBlock builder = CodeBlock.of(
          "$T.builder().setKernelShape(new $T($L, $L)).setFilters($L).optStride(new $T($L, $L))"
              + ".optPadding(new $T($L, $L)).optDilation(new $T($L, $L)).optGroups($L).optBias($L).build()",
          CONV2D, SHAPE, i(c.kernel()), i(c.kernel()), i(c.out()), SHAPE, i(c.stride()), i(c.stride()),
          SHAPE, i(c.padding()), i(c.padding()), SHAPE, i(c.dilation()), i(c.dilation()), i(c.groups()), b(c.bias()));
      return child(CONV2D, builder, field, x);
    }
    if (op instanceof Linear l) {
      return child(LINEAR, CodeBlock.of("$T.builder().setUnits($L).optBias($L).build()", LINEAR, i(l.out()), b(l.bias())), field, x);
    }
    if (op instanceof Dropout d) {
      return child(DROPOUT, CodeBlock.of("$T.builder().optRate($L).build()", DROPOUT, floatLiteral(float32(node, "p", d.p()))), field, x);
    }
    if (op instanceof BatchNorm2d bn) {
      // DJL's momentum weighs the running statistic, PyTorch's the new batch: djl = 1 - torch.
      return child(BATCH_NORM, CodeBlock.of("$T.builder().optAxis(1).optEpsilon($L).optMomentum($L).build()",
          BATCH_NORM, floatLiteral(float32(node, "eps", bn.eps())), floatLiteral(float32(node, "momentum", 1 - d(bn.momentum())))),
          field, x);
    }
    if (op instanceof LayerNorm ln) {
      int rank = inShapes.get(0).rank();
      int count = ints(ln.shape()).size();
      String axes = java.util.stream.IntStream.range(rank - count, rank).mapToObj(Integer::toString).collect(Collectors.joining(", "));
      return child(LAYER_NORM, CodeBlock.of("$T.builder().axis($L).optEpsilon($L).build()", LAYER_NORM, axes,
          floatLiteral(float32(node, "eps", ln.eps()))), field, x);
    }
    if (op instanceof Relu) {
      return call(ACTIVATION, "relu", x);
    }
    if (op instanceof Relu6) {
      return call(ACTIVATION, "relu6", x);
    }
    if (op instanceof Sigmoid) {
      return call(ACTIVATION, "sigmoid", x);
    }
    if (op instanceof Tanh) {
      return call(ACTIVATION, "tanh", x);
    }
    if (op instanceof Gelu) {
      return call(ACTIVATION, "gelu", x);
    }
    if (op instanceof Swish) {
      return Emission.inline(CodeBlock.of("$T.swish($N, 1f)", ACTIVATION, x));
    }
    if (op instanceof MaxPool2d p) {
      return Emission.inline(CodeBlock.of("$T.maxPool2d($N, new $T($L, $L), new $T($L, $L), new $T($L, $L), false)",
          POOL, x, SHAPE, i(p.kernel()), i(p.kernel()), SHAPE, i(p.stride()), i(p.stride()), SHAPE, i(p.padding()), i(p.padding())));
    }
    if (op instanceof AvgPool2d p) {
      return Emission.inline(CodeBlock.of("$T.avgPool2d($N, new $T($L, $L), new $T($L, $L), new $T($L, $L), false, true)",
          POOL, x, SHAPE, i(p.kernel()), i(p.kernel()), SHAPE, i(p.stride()), i(p.stride()), SHAPE, i(p.padding()), i(p.padding())));
    }
    if (op instanceof AdaptiveAvgPool2d) {
      return Emission.inline(CodeBlock.of("$T.globalAvgPool2d($N).reshape(-1, $L, 1, 1)", POOL, x, longLiteral(out.dim(1))));
    }
    if (op instanceof Flatten || op instanceof Reshape) {
      String dims = out.dims().subList(1, out.rank()).stream().map(OpEmitter::longLiteral).collect(Collectors.joining(", "));
      return Emission.inline(CodeBlock.of("$N.reshape(-1, $L)", x, dims));
    }
    if (op instanceof LogSoftmax s) {
      return Emission.inline(CodeBlock.of("$N.logSoftmax($L)", x, i(s.dim())));
    }
    if (op instanceof Softmax s) {
      return Emission.inline(CodeBlock.of("$N.softmax($L)", x, i(s.dim())));
    }
    if (op instanceof Add || op instanceof Mul || op instanceof Average) {
      String method = op instanceof Mul ? "mul" : "add";
      CodeBlock.Builder chain = CodeBlock.builder().add("$N", x);
      for (String next : in.subList(1, in.size())) {
        chain.add(".$L($N)", method, next);
      }
      if (op instanceof Average) {
        chain.add(".div($L)", in.size());
      }
      return Emission.inline(chain.build());
    }
    if (op instanceof Cat c) {
      return Emission.inline(CodeBlock.of("$T.concat(new $T($L), $L)", ND_ARRAYS, ND_LIST, names(in), i(c.dim())));
    }
    if (op instanceof ReduceOp r) {
      // DJL's PyTorch engine reduces one axis per call: chain them from the last axis back, so
      // the indices of the axes still to reduce stay valid.
      int rank = inShapes.get(0).rank();
      List<Integer> axes = ints(r.dims()).stream().map(a -> a < 0 ? a + rank : a).sorted(java.util.Comparator.reverseOrder()).toList();
      CodeBlock.Builder chain = CodeBlock.builder().add("$N", x);
      for (int axis : axes) {
        chain.add(".$L(new int[] {$L}, $L)", op instanceof Mean ? "mean" : "sum", axis, b(r.keepDim()));
      }
      return Emission.inline(chain.build());
    }
    if (op instanceof Identity) {
      return Emission.inline(CodeBlock.of("$N", x));
    }
    if (op instanceof Zero) {
      return Emission.inline(CodeBlock.of("$N.zerosLike()", x));
    }
    throw new IllegalArgumentException("no emitter for " + op.kind());
  }

  /** Whether the op becomes a child block with parameters or state (in node order, as registered). */
  static boolean hasChild(PrimitiveOp op) {
    return op instanceof Conv2d || op instanceof Linear || op instanceof Dropout || op instanceof BatchNorm2d
        || op instanceof LayerNorm;
  }

  private static Emission child(ClassName type, CodeBlock builder, String field, String x) {
    return new Emission(type, builder,
        CodeBlock.of("this.$N.forward(parameterStore, new $T($N), training, params).singletonOrThrow()", field, ND_LIST, x));
  }

  private static Emission call(ClassName owner, String method, String x) {
    return Emission.inline(CodeBlock.of("$T.$L($N)", owner, method, x));
  }

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
