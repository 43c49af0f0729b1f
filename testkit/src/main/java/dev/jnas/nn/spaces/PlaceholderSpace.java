package dev.jnas.nn.spaces;

import static dev.jnas.nn.F.flatten;
import static dev.jnas.nn.F.logSoftmax;
import static dev.jnas.nn.F.maxPool2d;
import static dev.jnas.nn.F.relu;

import dev.jnas.nn.Conv2d;
import dev.jnas.nn.Identity;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.Linear;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Placeholder;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;

/**
 * A small space on (N, 1, 8, 8) with placeholders for custom mutators: a stem that must give 4
 * channels at the input's size ({@code info} says it reads 1), and an activation used at the top
 * level and inside a layer-choice candidate. 4 architectures before custom mutators widen it.
 */
@ModelWrapper
public class PlaceholderSpace extends NasModule {
  final Placeholder stem = new Placeholder("stem", 4, 0, 0).info("in", 1);
  final Placeholder act = new Placeholder("act");
  final LayerChoice branch = new LayerChoice(new Identity(), new Block());
  final ValueChoice<Integer> hidden = ValueChoice.of(8, 16);
  final Linear fc1 = new Linear(4 * 4 * 4, hidden);
  final Linear fc2 = new Linear(hidden, 10);

  @Override public Tensor forward(Tensor x) {
    x = branch.forward(act.forward(stem.forward(x)));
    x = flatten(maxPool2d(x, 2), 1);
    return logSoftmax(fc2.forward(relu(fc1.forward(x))), 1);
  }

  /** A convolution followed by the shared activation placeholder. */
  public static class Block extends NasModule {
    final Conv2d conv = new Conv2d(4, 4, 3).padding(1);
    final Placeholder act = new Placeholder("act");

    @Override public Tensor forward(Tensor x) {
      return act.forward(conv.forward(x));
    }
  }
}
