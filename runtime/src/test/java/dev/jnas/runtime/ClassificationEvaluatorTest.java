package dev.jnas.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in classification evaluator: its reports, whether it keeps the model, and how it travels. */
class ClassificationEvaluatorTest {
  @TempDir Path dir;

  /** A linear classifier ending in logSoftmax. */
  private static RecordingFactory linear() {
    return new RecordingFactory("linear", () -> new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(10).build()).add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().logSoftmax(1)))));
  }

  private MnistData data(String name, int examples) throws Exception {
    MnistDataTest.write(dir.resolve(name), MnistDataTest.tinyIdx(examples));
    return MnistData.load(dir.resolve(name));
  }

  @Test
  void reportsEachEpochAndKeepsTheModelUnlessToldNotTo() throws Exception {
    MnistData train = data("train", 64);
    MnistData validation = data("validation", 32);
    for (boolean keep : new boolean[] {true, false}) {
      NasTest.Recorder trial = new NasTest.Recorder();
      RecordingFactory models = linear();
      ClassificationEvaluator evaluator = new ClassificationEvaluator(train, validation).epochs(2).batchSize(32).keepModel(keep);
      Nas.runAs(trial, () -> evaluator.evaluate(models));
      assertEquals(2, trial.intermediate.size(), "one report per epoch");
      assertEquals(trial.intermediate.get(1), trial.last, "the final result is the last epoch's accuracy");
      assertEquals(keep ? 1 : 0, models.saved.size(), "keepModel(" + keep + ")");
    }
  }

  @Test
  void travelsAsSettingsAndWhereItsDataLivesNotAsPixels() throws Exception {
    MnistData all = data("all", 500);
    ClassificationEvaluator evaluator = new ClassificationEvaluator(all.slice(0, 400), all.slice(400, 500)).epochs(3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(evaluator);
    }
    assertTrue(bytes.size() < 2_000, "500 images are 1.5 MB of pixels; the evaluator travelled in " + bytes.size() + " bytes");
    ClassificationEvaluator back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ClassificationEvaluator) in.readObject();
    }
    NasTest.Recorder trial = new NasTest.Recorder();
    Nas.runAs(trial, () -> back.evaluate(linear()));
    assertEquals(3, trial.intermediate.size(), "the settings came along: 3 epochs");
  }
}
