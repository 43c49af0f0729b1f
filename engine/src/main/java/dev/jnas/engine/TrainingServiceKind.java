package dev.jnas.engine;

/** Where an experiment's trials run. */
public enum TrainingServiceKind {
  /** Worker JVMs on this machine, one trial at a time each (the default): isolated and truly parallel. */
  LOCAL,
  /** Threads of the engine's JVM, for tests and debugging: no isolation, training steps take turns. */
  IN_PROCESS,
  /** Jobs on a Slurm cluster, one per trial, submitted with sbatch (see {@link SlurmSettings}). */
  SLURM
}
