package dev.jnas.samples;

import static dev.jnas.nn.F.flatten;
import static dev.jnas.nn.F.logSoftmax;
import static dev.jnas.nn.F.maxPool2d;

import dev.jnas.nn.Conv2d;
import dev.jnas.nn.Dropout;
import dev.jnas.nn.GELU;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.Linear;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.ReLU;
import dev.jnas.nn.Swish;
import dev.jnas.nn.Tanh;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The space of jnas's tabular benchmark: a small MNIST CNN whose width (2), kernel (2), activation
 * (4), second convolution (2), hidden width (3) and dropout (2) make 192 architectures, each
 * trained once by {@link BuildBenchmark} into {@code benchmarks/mnist-192.tsv}.
 */
@ModelWrapper
public class BenchmarkSpace extends NasModule {
  final ValueChoice<Integer> width = ValueChoice.of(8, 16);
  final Conv2d conv1 = new Conv2d(1, width, ValueChoice.of(3, 5).label("kernel")).padding(ValueChoice.of(3, 5).label("kernel").floorDiv(2));
  final LayerChoice act = new LayerChoice(activations());
  final LayerChoice conv2 = new LayerChoice(new Conv2d(width, 16, 3).padding(1), new Separable(width));
  final ValueChoice<Integer> hidden = ValueChoice.of(32, 64, 128);
  final Linear fc1 = new Linear(16 * 7 * 7, hidden);
  final Dropout dropout = new Dropout(ValueChoice.of(0.1, 0.5));
  final Linear fc2 = new Linear(hidden, 10);

  private static Map<String, NasModule> activations() {
    Map<String, NasModule> out = new LinkedHashMap<>();
    out.put("relu", new ReLU());
    out.put("gelu", new GELU());
    out.put("swish", new Swish());
    out.put("tanh", new Tanh());
    return out;
  }

  @Override
  public Tensor forward(Tensor x) {
    x = maxPool2d(act.forward(conv1.forward(x)), 2);
    x = maxPool2d(conv2.forward(x), 2);
    x = dropout.forward(fc1.forward(flatten(x, 1)).relu());
    return logSoftmax(fc2.forward(x), 1);
  }

  /** A depthwise 3x3 then a pointwise convolution to 16 channels. */
  public static class Separable extends NasModule {
    final Conv2d depthwise;
    final Conv2d pointwise;

    public Separable(ValueChoice<Integer> width) {
      depthwise = new Conv2d(width, width, 3).padding(1).groups(width);
      pointwise = new Conv2d(width, 16, 1);
    }

    @Override
    public Tensor forward(Tensor x) {
      return pointwise.forward(depthwise.forward(x));
    }
  }
}
