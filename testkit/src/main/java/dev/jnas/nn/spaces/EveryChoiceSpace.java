package dev.jnas.nn.spaces;

import static dev.jnas.nn.F.flatten;
import static dev.jnas.nn.F.relu6;
import static dev.jnas.nn.F.softmax;
import static dev.jnas.nn.F.tanh;

import dev.jnas.ir.op.Reduction;
import dev.jnas.nn.AdaptiveAvgPool2d;
import dev.jnas.nn.BatchNorm2d;
import dev.jnas.nn.Conv2d;
import dev.jnas.nn.Dropout;
import dev.jnas.nn.GELU;
import dev.jnas.nn.Identity;
import dev.jnas.nn.InputChoice;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.Linear;
import dev.jnas.nn.MaxPool2d;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.ReLU;
import dev.jnas.nn.Repeat;
import dev.jnas.nn.Swish;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;
import java.util.LinkedHashMap;
import java.util.Map;

/** A space with every choice kind: the Java twin of the IR golden {@code every-choice.ir}. */
@ModelWrapper
public class EveryChoiceSpace extends NasModule {
  final ValueChoice<Integer> width = ValueChoice.of(16, 32);
  final ValueChoice<Integer> kernel = ValueChoice.of(3, 5);
  final ValueChoice<Integer> depth = ValueChoice.of(1, 2, 3).label("blocks");
  final ValueChoice<Map<String, Object>> head = ValueChoice.of(
      Map.<String, Object>of("p", 0.1, "scale", 1), Map.<String, Object>of("p", 0.3, "scale", 2));
  final ValueChoice<Object> hidden = ValueChoice.max(width.times(4).minus(16), 64);

  final Conv2d stem = new Conv2d(3, width, 3).padding(1).bias(false);
  final BatchNorm2d stem_bn = new BatchNorm2d(width);
  final LayerChoice act = new LayerChoice(ordered("relu", new ReLU(), "swish", new Swish(), "gelu", new GELU()));
  final Repeat blocks = new Repeat(new Block(width, kernel), depth);
  final LayerChoice branch = new LayerChoice(new MaxPool(), new SepConv(width), new Identity());
  final InputChoice merge = new InputChoice(3, 2, Reduction.SUM);
  final InputChoice pick = new InputChoice(2, 1, Reduction.NONE);
  final InputChoice joined = new InputChoice(2, 2, Reduction.CONCAT);
  final Conv2d reduce = new Conv2d(width.times(2), width, 1);
  final AdaptiveAvgPool2d pool = new AdaptiveAvgPool2d();
  final Linear fc1 = new Linear(width, hidden);
  final Dropout dropout = new Dropout(head.get("p"));
  final Linear fc2 = new Linear(hidden, 10);
  final Dropout scaled = new Dropout(ValueChoice.condition(depth.ge(2), 0.2, 0.1).div(head.get("scale")));

  @Override public Tensor forward(Tensor x) {
    Tensor a = act.forward(stem_bn.forward(stem.forward(x)));
    Tensor b = blocks.forward(a);
    Tensor c = branch.forward(b);
    Tensor m = merge.forward(a, b, c);
    Tensor p = pick.forward(m, c);
    x = reduce.forward(joined.forward(a, p));
    x = flatten(pool.forward(x), 1);
    x = dropout.forward(tanh(fc1.forward(x)));
    return softmax(scaled.forward(fc2.forward(x)), -1);
  }

  static Map<String, NasModule> ordered(Object... entries) {
    Map<String, NasModule> map = new LinkedHashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      map.put((String) entries[i], (NasModule) entries[i + 1]);
    }
    return map;
  }

  /** Convolution, batch norm, ReLU6 with shared width and kernel choices. */
  static class Block extends NasModule {
    final Conv2d conv;
    final BatchNorm2d bn;

    Block(ValueChoice<Integer> width, ValueChoice<Integer> kernel) {
      conv = new Conv2d(width, width, kernel).padding(kernel.floorDiv(2)).bias(false)
          .groups(ValueChoice.min(width.mod(16).plus(2), 4));
      bn = new BatchNorm2d(width);
    }

    @Override public Tensor forward(Tensor x) {
      return relu6(bn.forward(conv.forward(x)));
    }
  }

  /** A 3x3 max pool that keeps the size. */
  static class MaxPool extends NasModule {
    final MaxPool2d pool = new MaxPool2d(3, 1, 1);

    @Override public Tensor forward(Tensor x) {
      return pool.forward(x);
    }
  }

  /** A separable convolution whose kernel is a nested choice (label branch.1.kernel). */
  static class SepConv extends NasModule {
    final ValueChoice<Integer> kernel = ValueChoice.of(3, 5);
    final Conv2d depthwise;
    final Conv2d pointwise;

    SepConv(ValueChoice<Integer> width) {
      depthwise = new Conv2d(width, width, kernel).padding(kernel.floorDiv(2)).groups(width).bias(false);
      pointwise = new Conv2d(width, width, 1).bias(false);
    }

    @Override public Tensor forward(Tensor x) {
      return pointwise.forward(depthwise.forward(x));
    }
  }
}
