package dev.jnas.engine.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.TrainingServiceKind;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The training-service contract, trials as jobs of a real one-node Slurm cluster. */
class SlurmServiceTest extends TrainingServiceContract {
  @RegisterExtension static final SlurmClusterExtension SLURM = new SlurmClusterExtension();

  @Override
  void checkTimeoutReason(String reason) {
    assertTrue(reason.matches("Slurm job \\d+ ended TIMEOUT: it ran past its time limit .*"), reason);
  }

  @Override
  ExperimentConfig service(ExperimentConfig config) {
    return config.trainingService(TrainingServiceKind.SLURM).slurm(SLURM.cluster().settings());
  }
}
