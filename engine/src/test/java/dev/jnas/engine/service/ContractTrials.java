package dev.jnas.engine.service;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.jnas.engine.TutorialScore;
import dev.jnas.runtime.ModelFactory;
import dev.jnas.runtime.Nas;
import java.nio.file.Files;

/** What the contract suite's trials do, by trial id; static, so the evaluators travel to any service. */
public final class ContractTrials {
  private ContractTrials() {}

  /** Reports two intermediate results and the tutorial score; trial 2 throws. */
  public static void reportOrThrow(ModelFactory models) {
    if (Nas.trialId() == 2) {
      throw new IllegalStateException("trial 2 fails on purpose");
    }
    Nas.reportIntermediateResult(0.5);
    Nas.reportIntermediateResult(0.75);
    Nas.reportFinalResult(TutorialScore.of(models.sample()));
  }

  /** Trial 1 sleeps for three minutes (until stopped, or past a Slurm time limit of one); the others report at once. */
  public static void firstSleeps(ModelFactory models) throws Exception {
    if (Nas.trialId() == 1) {
      Nas.reportIntermediateResult(0.1);
      Thread.sleep(180_000);
    }
    Nas.reportFinalResult(1);
  }

  /** Every trial sleeps for three minutes (until cancelled). */
  public static void allSleep(ModelFactory models) throws Exception {
    Nas.reportIntermediateResult(0.1);
    Thread.sleep(180_000);
    Nas.reportFinalResult(1);
  }

  /** Records when it ran (wall-clock millis) in its folder, holding on long enough for a neighbour to overlap. */
  public static void recordsItsInterval(ModelFactory models) throws Exception {
    long start = System.currentTimeMillis();
    Thread.sleep(1500);
    Files.writeString(Nas.trialOutputDir().resolve("interval"), start + " " + System.currentTimeMillis());
    Nas.reportFinalResult(1);
  }

  /** Initialises a fresh block and keeps it as the trial's trained model. */
  public static void savesItsModel(ModelFactory models) {
    Block block = models.newBlock();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      models.saveTrained(block);
    }
    Nas.reportFinalResult(1);
  }
}
