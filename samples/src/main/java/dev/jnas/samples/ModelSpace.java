package dev.jnas.samples;

import static dev.jnas.nn.F.flatten;
import static dev.jnas.nn.F.logSoftmax;
import static dev.jnas.nn.F.maxPool2d;
import static dev.jnas.nn.F.relu;

import dev.jnas.nn.Conv2d;
import dev.jnas.nn.Dropout;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.Linear;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;

/** The seed tutorial's MNIST model space, NNI's hello-NAS space in jnas: 18 architectures. */
@ModelWrapper
public class ModelSpace extends NasModule {
  final Conv2d conv1 = new Conv2d(1, 32, 3, 1);
  final LayerChoice conv2 = new LayerChoice(
      new Conv2d(32, 64, 3, 1), new DepthwiseSeparableConv(32, 64));
  final Dropout dropout1 = new Dropout(ValueChoice.of(0.25, 0.5, 0.75));
  final Dropout dropout2 = new Dropout(0.5);
  final ValueChoice<Integer> feature = ValueChoice.of(64, 128, 256);
  final Linear fc1 = new Linear(9216, feature);
  final Linear fc2 = new Linear(feature, 10);

  @Override
  public Tensor forward(Tensor x) {
    x = relu(conv1.forward(x));
    x = maxPool2d(conv2.forward(x), 2);
    x = flatten(dropout1.forward(x), 1);
    x = fc2.forward(dropout2.forward(relu(fc1.forward(x))));
    return logSoftmax(x, 1);
  }

  /** A depthwise 3x3 convolution followed by a pointwise one. */
  public static class DepthwiseSeparableConv extends NasModule {
    final Conv2d depthwise;
    final Conv2d pointwise;

    public DepthwiseSeparableConv(int in, int out) {
      depthwise = new Conv2d(in, in, 3, 1).groups(in);
      pointwise = new Conv2d(in, out, 1);
    }

    @Override
    public Tensor forward(Tensor x) {
      return pointwise.forward(depthwise.forward(x));
    }
  }
}
