package dev.jnas.engine.service;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.TrainingServiceKind;

/** The training-service contract, trials in worker JVMs. */
class LocalWorkerServiceTest extends TrainingServiceContract {
  @Override
  ExperimentConfig service(ExperimentConfig config) {
    return config.trainingService(TrainingServiceKind.LOCAL);
  }
}
