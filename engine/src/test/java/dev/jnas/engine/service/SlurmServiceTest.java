package dev.jnas.engine.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.SlurmSettings;
import dev.jnas.engine.TrainingServiceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The training-service contract, trials as jobs of a real one-node Slurm cluster. */
class SlurmServiceTest extends TrainingServiceContract {
  static SlurmCluster cluster;

  @BeforeAll
  static void startSlurm() throws Exception {
    Assumptions.assumeTrue(SlurmCluster.available(),
        "skipped: Debian's slurmctld, slurmd, slurm-client and munge are not installed (.ci/run installs them)");
    cluster = SlurmCluster.start(Files.createTempDirectory("jnas-slurm"));
  }

  @AfterAll
  static void stopSlurm() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Slurm settings for the test cluster: its config, loopback for the channel, quick polls. */
  static SlurmSettings settings() {
    return new SlurmSettings().environment(cluster.environment()).channelHost("127.0.0.1").pollInterval(Duration.ofMillis(300));
  }

  @Override
  void checkTimeoutReason(String reason) {
    assertTrue(reason.matches("Slurm job \\d+ ended TIMEOUT: it ran past its time limit .*"), reason);
  }

  @Override
  ExperimentConfig service(ExperimentConfig config) {
    return config.trainingService(TrainingServiceKind.SLURM).slurm(settings());
  }
}
