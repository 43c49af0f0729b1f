package dev.jnas.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Analysis;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Node;
import dev.jnas.ir.TensorShape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Java code around tracing: branching on shapes, loops over a fixed choice, containers, tensor methods. */
class JavaControlFlowTest {
  private static final TensorShape IMAGE = TensorShape.batchOf(8, 16, 16);

  @ModelWrapper
  static class ShapeSteered extends NasModule {
    final LayerChoice act = new LayerChoice(new ReLU(), new Tanh());
    final Linear head = new Linear(8, 4);

    @Override public Tensor forward(Tensor x) {
      Tensor y = act.forward(x);
      if (y.shape().rank() == 4 && y.shape().dim(1) == 8) {
        y = y.adaptiveAvgPool2d().flatten(1);
      }
      return head.forward(y);
    }
  }

  @Test
  void javaCodeMayBranchOnAShapeEveryArchitectureShares() {
    Graph g = Tracer.trace(new ShapeSteered(), IMAGE).graph();
    assertEquals(List.of("act", "adaptive_avg_pool2d", "flatten", "head"), g.nodes().stream().map(Node::name).toList());
  }

  /** A constructor that loops over a chosen int, as in NNI's fixed_arch. */
  @ModelWrapper
  static class Deep extends NasModule {
    final ValueChoice<Integer> layers = ValueChoice.of(1, 2, 3).label("layers");
    final Sequential body = new Sequential();

    Deep() {
      for (int i = 0; i < layers.value(); i++) {
        body.add(new Conv2d(8, 8, 3).padding(1));
      }
    }

    @Override public Tensor forward(Tensor x) {
      return body.forward(x);
    }
  }

  @Test
  void aFixedConstructorCanLoopOverALabelledChoice() {
    Graph g = Tracer.trace(FixedArchitecture.instantiate(Deep::new, Map.of("layers", 3)), IMAGE).graph();
    assertEquals(List.of("body.0", "body.1", "body.2"), g.nodes().stream().map(Node::name).toList());
    assertEquals(3 * (8 * 8 * 9 + 8), Analysis.of(g).params());
  }

  @ModelWrapper
  static class EveryTensorMethod extends NasModule {
    final ModuleList convs = new ModuleList(new Conv2d(8, 8, 1), new Conv2d(8, 8, 1));

    @Override public Tensor forward(Tensor x) {
      Tensor a = convs.get(0).forward(x).relu().relu6().gelu().swish().sigmoid().tanh().dropout(0.1);
      Tensor b = convs.get(1).forward(x);
      Tensor c = a.add(b).mul(b).average(a).cat(1, b);
      Tensor d = c.maxPool2d(2).avgPool2d(2).mean(2).sum(2);
      return d.reshape(-1).softmax(1).logSoftmax(1);
    }
  }

  @Test
  void tensorsOfferTheFunctionalOpsAsMethods() {
    Graph g = Tracer.trace(new EveryTensorMethod(), IMAGE).graph();
    assertEquals(TensorShape.batchOf(16), Analysis.of(g).outputs().get(0));
    assertTrue(g.node("convs.0").isPresent() && g.node("convs.1").isPresent());
    assertEquals(List.of("relu", "relu6", "gelu", "swish", "sigmoid", "tanh", "dropout", "add", "mul", "average",
        "cat", "maxPool2d", "avgPool2d", "mean", "sum", "reshape", "softmax", "logSoftmax"),
        g.nodes().stream().map(n -> n.op().kind()).filter(k -> !k.equals("conv2d")).toList());
  }
}
