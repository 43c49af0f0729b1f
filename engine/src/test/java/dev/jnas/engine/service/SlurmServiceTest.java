package dev.jnas.engine.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.TrainingServiceKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The training-service contract, trials as jobs of a real one-node Slurm cluster. */
class SlurmServiceTest extends TrainingServiceContract {
  static SlurmCluster cluster;

  @BeforeAll
  static void startSlurm() throws Exception {
    cluster = SlurmCluster.startOrSkip();
  }

  @AfterAll
  static void stopSlurm() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  void checkTimeoutReason(String reason) {
    assertTrue(reason.matches("Slurm job \\d+ ended TIMEOUT: it ran past its time limit .*"), reason);
  }

  @Override
  ExperimentConfig service(ExperimentConfig config) {
    return config.trainingService(TrainingServiceKind.SLURM).slurm(cluster.settings());
  }
}
