package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSpeedBenchmarkTest {
  @Test
  void bothBlocksTrainTheBatchesTheSettingsAskFor() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      TrainingSpeedBenchmark.Result r = TrainingSpeedBenchmark.run(TrainingSpeedBenchmark.generated(),
          TrainingSpeedBenchmark.handWritten(), TrainingSpeedBenchmark.synthetic(manager, 12, 4),
          new TrainingSpeedBenchmark.Settings(4, 1, 2, 2));
      for (List<Double> times : List.of(r.generatedMs(), r.handWrittenMs())) {
        assertEquals(4, times.size(), "2 rounds of 2 batches, the warm-up not counted");
        assertTrue(times.stream().allMatch(ms -> ms > 0), times.toString());
      }
      assertTrue(r.ratio() > 0 && r.ratioOfMedians() > 0);
    }
  }

  /** The benchmark compares like with like: given the same weights, both blocks compute the same function. */
  @Test
  void theHandWrittenBlockIsTheGeneratedArchitecture() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape input = new Shape(2, 1, 28, 28);
      Block generated = TrainingSpeedBenchmark.generated();
      Block handWritten = TrainingSpeedBenchmark.handWritten();
      generated.initialize(manager, DataType.FLOAT32, input);
      handWritten.initialize(manager, DataType.FLOAT32, input);
      List<Parameter> from = generated.getParameters().values();
      List<Parameter> to = handWritten.getParameters().values();
      assertEquals(from.size(), to.size());
      for (int i = 0; i < from.size(); i++) {
        assertEquals(from.get(i).getArray().getShape(), to.get(i).getArray().getShape(), from.get(i).getName());
        to.get(i).getArray().set(FloatBuffer.wrap(from.get(i).getArray().toFloatArray()));
      }
      NDArray x = manager.randomNormal(input);
      float[] expected = generated.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
      float[] actual = handWritten.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
      assertArrayEquals(expected, actual, 1e-5f);
    }
  }
}
