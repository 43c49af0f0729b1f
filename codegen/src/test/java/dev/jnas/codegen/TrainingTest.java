package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
  @TempDir Path dir;

  private static AbstractBlock instantiate(GeneratedBlock block, InMemoryCompiler compiler) throws Exception {
    return compiler.compile(block).getDeclaredConstructor().newInstance();
  }

  @Test
  void aGeneratedTutorialBlockTrainsAndItsParametersReload() throws Exception {
    GeneratedBlock block = Tutorial.generate(Tutorial.sample(1, 0.25, 64));
    try (InMemoryCompiler compiler = new InMemoryCompiler(); NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(42);
      NDArray images = manager.randomUniform(0, 1, new Shape(16, 1, 28, 28));
      NDArray labels = manager.randomInteger(0, 10, new Shape(16), DataType.INT32).toType(DataType.FLOAT32, false);
      List<Float> losses = new ArrayList<>();
      float[] trainedOutput;
      try (Model model = Model.newInstance("tutorial")) {
        model.setBlock(instantiate(block, compiler));
        // The net ends in logSoftmax: fromLogit must be false, or DJL applies logSoftmax twice.
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss("loss", 1, -1, true, false))
            .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
        try (Trainer trainer = model.newTrainer(config)) {
          trainer.initialize(new Shape(16, 1, 28, 28));
          for (int step = 0; step < 20; step++) {
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray predictions = trainer.forward(new NDList(images)).singletonOrThrow();
              NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(predictions));
              collector.backward(loss);
              losses.add(loss.getFloat());
            }
            trainer.step();
          }
        }
        trainedOutput = output(model.getBlock(), manager, images);
        ArchitectureCheck.stamp(model, block.architectureHash());
        model.save(dir, "tutorial");
      }
      assertTrue(losses.get(19) < 0.5f * losses.get(0), "loss should fall on a memorised batch: " + losses);

      try (Model reloaded = Model.newInstance("tutorial")) {
        reloaded.setBlock(instantiate(block, compiler));
        reloaded.load(dir, "tutorial");
        ArchitectureCheck.verify(reloaded, block.architectureHash());
        assertArrayEquals(trainedOutput, output(reloaded.getBlock(), manager, images), 0f);
      }

      GeneratedBlock other = Tutorial.generate(Tutorial.sample(1, 0.5, 64));
      try (Model wrong = Model.newInstance("tutorial")) {
        wrong.setBlock(instantiate(other, compiler));
        wrong.load(dir, "tutorial");
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> ArchitectureCheck.verify(wrong, other.architectureHash()));
        assertTrue(e.getMessage().contains("were saved for architecture " + block.architectureHash()), e.getMessage());
      }
    }
  }

  private static float[] output(ai.djl.nn.Block block, NDManager manager, NDArray images) {
    return block.forward(new ParameterStore(manager, false), new NDList(images), false).singletonOrThrow().toFloatArray();
  }
}
