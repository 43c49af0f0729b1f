package dev.jnas.engine.service;

import dev.jnas.engine.TutorialScore;
import dev.jnas.runtime.ModelFactory;
import dev.jnas.runtime.Nas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What the Slurm tests' trials do; static, so the evaluators travel in batch jobs. */
public final class SlurmTrials {
  private SlurmTrials() {}

  /**
   * Reports the GPU Slurm gave it (CUDA_VISIBLE_DEVICES), holds it for a few seconds, and records
   * when it ran, so the test can tell which trials ran together and on which devices.
   */
  public static void holdsItsGpu(ModelFactory models) throws Exception {
    int gpu = Integer.parseInt(System.getenv("CUDA_VISIBLE_DEVICES"));
    long start = System.currentTimeMillis();
    Nas.reportIntermediateResult(gpu);
    Thread.sleep(4000);
    Files.writeString(Nas.trialOutputDir().resolve("gpu"), gpu + " " + start + " " + System.currentTimeMillis());
    Nas.reportFinalResult(TutorialScore.of(models.sample()));
  }

  /** Logs its evaluation to the file named by JNAS_TEST_LOG (shared with the test), then runs a few seconds. */
  public static void logsAndRuns(ModelFactory models) throws Exception {
    Files.writeString(Path.of(System.getenv("JNAS_TEST_LOG")), Nas.trialId() + "\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Nas.reportIntermediateResult(0.5);
    Thread.sleep(8000);
    Nas.reportIntermediateResult(0.75);
    Nas.reportFinalResult(TutorialScore.of(models.sample()));
  }

  /** Prints, and keeps a small file in its folder: what must come back without a shared filesystem. */
  public static void printsAndKeepsAFile(ModelFactory models) throws Exception {
    System.out.println("hello from trial " + Nas.trialId() + " on its node");
    Files.writeString(Nas.trialOutputDir().resolve("notes.txt"), "trial " + Nas.trialId() + " was here");
    ContractTrials.savesItsModel(models);
  }
}
