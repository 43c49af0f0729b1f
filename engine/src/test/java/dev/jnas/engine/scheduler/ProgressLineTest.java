package dev.jnas.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running trial is not silent: the command line prints how far it is inside, every so often. */
class ProgressLineTest {
  @TempDir Path dir;

  @Test
  void runningTrialsProgressIsPrintedBetweenTheirEnds() {
    long usual = TrialScheduler.progressLineNanos;
    TrialScheduler.progressLineNanos = 200_000_000L;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(m -> {
        for (int step = 1; step <= 8; step++) {
          Thread.sleep(150);
          Nas.reportProgress(step, 8);
        }
        Nas.reportFinalResult(0.5);
      }), new GridSearchStrategy()).progress(new PrintStream(out, true, StandardCharsets.UTF_8))
          .run(ExperimentConfig.local().trainingService(TrainingServiceKind.IN_PROCESS).maxTrialNumber(1).inputShape(1, 28, 28)
              .experimentDir(dir));
      String printed = out.toString(StandardCharsets.UTF_8);
      assertTrue(printed.matches("(?s).*  running: trial 1 \\d+% \\([1-8]/8\\)\\n.*"), printed);
    } finally {
      TrialScheduler.progressLineNanos = usual;
    }
  }
}
