package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.FixedArchitecture;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.SequenceSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sequence models: each encoder of {@link SequenceSpace} (LSTM, GRU, self-attention over an
 * embedding) freezes to the same IR on both engines, compiles, and learns a memorised batch.
 */
class SequenceModelTest {
  private static final int STEPS = 12;

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru", "attention"})
  void eachEncoderTrainsOnBothEngines(String encoder) throws Exception {
    Graph space = Tracer.trace(new SequenceSpace(), TensorShape.batchOf(STEPS)).graph();
    Sample sample = Mutators.sample(space, Map.of("width", 16, "encoder", encoder));
    Graph base = Mutators.freeze(space, sample);
    Graph pure = Tracer.trace(FixedArchitecture.instantiate(SequenceSpace::new, sample.decisions()), TensorShape.batchOf(STEPS)).graph();
    assertEquals(pure.toString(), base.toString());
    GeneratedBlock block = BlockGenerator.generate(base, "SequenceSpace", sample);
    try (InMemoryCompiler compiler = new InMemoryCompiler(); NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("sequence")) {
      manager.getEngine().setRandomSeed(3);
      // Label: whether token 3 occurs in the sequence.
      NDArray tokens = manager.randomInteger(0, SequenceSpace.TOKENS, new ai.djl.ndarray.types.Shape(32, STEPS), DataType.INT32)
          .toType(DataType.FLOAT32, false);
      NDArray labels = tokens.eq(3).toType(DataType.FLOAT32, false).max(new int[] {1});
      model.setBlock(compiler.compile(block).getDeclaredConstructor().newInstance());
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss("loss", 1, -1, true, false))
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build());
      List<Float> losses = new ArrayList<>();
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new ai.djl.ndarray.types.Shape(32, STEPS));
        for (int step = 0; step < 40; step++) {
          try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray loss = trainer.getLoss().evaluate(new NDList(labels), trainer.forward(new NDList(tokens)));
            collector.backward(loss);
            losses.add(loss.getFloat());
          }
          trainer.step();
        }
      }
      assertTrue(losses.get(losses.size() - 1) < 0.5f * losses.get(0), encoder + " should learn a memorised batch: " + losses);
    }
  }
}
