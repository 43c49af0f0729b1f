package dev.jnas.engine.service;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.TrainingServiceKind;

/** The training-service contract, trials as threads of this JVM. */
class InProcessServiceTest extends TrainingServiceContract {
  @Override
  ExperimentConfig service(ExperimentConfig config) {
    return config.trainingService(TrainingServiceKind.IN_PROCESS);
  }
}
