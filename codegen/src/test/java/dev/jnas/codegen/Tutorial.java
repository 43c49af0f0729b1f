package dev.jnas.codegen;

import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.TutorialSpace;
import java.util.Map;

/** The tutorial space, traced once, and its frozen architectures. */
final class Tutorial {
  static final Graph SPACE = Tracer.trace(new TutorialSpace(), TensorShape.batchOf(1, 28, 28)).graph();

  private Tutorial() {}

  static Sample sample(int conv2, double dropout, int feature) {
    return Mutators.sample(SPACE, Map.of("conv2", conv2, "dropout1.p", dropout, "feature", feature));
  }

  static GeneratedBlock generate(Sample sample) {
    return BlockGenerator.generate(Mutators.freeze(SPACE, sample), "TutorialSpace", sample);
  }
}
