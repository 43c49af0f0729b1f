package dev.jnas.engine.service;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.SlurmSettings;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * An experiment on Slurm that the tests run in a child JVM and kill: 4 trials of one GPU each on the
 * 2-GPU test node, so two run and two wait; each trial logs its evaluation to a file. Arguments: the
 * experiment directory, SLURM_CONF, the evaluation log, and "resume" to continue it instead.
 */
public final class SlurmExperiment {
  private SlurmExperiment() {}

  public static NasExperiment experiment() {
    return new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(SlurmTrials::logsAndRuns), new GridSearchStrategy());
  }

  public static ExperimentConfig config(Path dir, String slurmConf, String log) {
    return ExperimentConfig.local().experimentName("slurm").maxTrialNumber(4).trialConcurrency(4).trialGpuNumber(1)
        .inputShape(1, 28, 28).experimentDir(dir).trainingService(TrainingServiceKind.SLURM)
        .slurm(new SlurmSettings().environment(Map.of("SLURM_CONF", slurmConf, "JNAS_TEST_LOG", log)).channelHost("127.0.0.1")
            .pollInterval(Duration.ofMillis(300)));
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    if (args.length > 3 && args[3].equals("resume")) {
      experiment().resume(dir);
    } else {
      experiment().run(config(dir, args[1], args[2]));
    }
  }
}
