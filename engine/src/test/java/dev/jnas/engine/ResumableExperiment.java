package dev.jnas.engine;

import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An experiment the resume test runs in a child JVM and kills: 10 trials of the tutorial space,
 * 2 at a time, each sleeping 300 ms and logging its evaluation to a file.
 * Arguments: experiment directory, evaluation log, and "resume" to continue instead of starting.
 */
public final class ResumableExperiment {
  private ResumableExperiment() {}

  public static NasExperiment experiment(Path log) {
    String evaluations = log.toString(); // a Path is not Serializable; trials run in worker JVMs
    return new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      Files.writeString(Path.of(evaluations), Nas.trialId() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Thread.sleep(300);
      Nas.reportIntermediateResult(0.1);
      Nas.reportFinalResult(TutorialScore.of(models.sample()));
    }), new RandomStrategy().dedup(true));
  }

  public static ExperimentConfig config(Path dir) {
    return ExperimentConfig.local().experimentName("resumable").maxTrialNumber(10).trialConcurrency(2)
        .inputShape(1, 28, 28).experimentDir(dir).seed(11);
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    NasExperiment exp = experiment(Path.of(args[1]));
    if (args.length > 2 && args[2].equals("resume")) {
      exp.resume(dir);
    } else {
      exp.run(config(dir));
    }
  }
}
