package dev.jnas.engine;

import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.nio.file.Path;

/**
 * An experiment the lifecycle tests run in a child JVM and then stop, signal, kill or contend
 * with: the tutorial space, random search, each trial sleeping. Arguments: trials, concurrency,
 * sleep per trial in ms, and the experiment directory ("-" for the default under $JNAS_HOME);
 * with a fifth argument "resume" it continues the experiment instead.
 */
public final class LifecycleExperiment {
  private LifecycleExperiment() {}

  public static NasExperiment experiment(long sleepMillis) {
    return new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(models -> {
      Thread.sleep(sleepMillis);
      Nas.reportIntermediateResult(0.5);
      Nas.reportFinalResult(TutorialScore.of(models.sample()));
    }), new RandomStrategy().dedup(true));
  }

  public static void main(String[] args) {
    NasExperiment exp = experiment(Long.parseLong(args[2]));
    if (args.length > 4 && args[4].equals("resume")) {
      exp.resume(Path.of(args[3]));
      return;
    }
    ExperimentConfig config = ExperimentConfig.local().experimentName("lifecycle").maxTrialNumber(Integer.parseInt(args[0]))
        .trialConcurrency(Integer.parseInt(args[1])).inputShape(1, 28, 28).seed(5);
    if (!args[3].equals("-")) {
      config.experimentDir(Path.of(args[3]));
    }
    exp.run(config);
  }
}
