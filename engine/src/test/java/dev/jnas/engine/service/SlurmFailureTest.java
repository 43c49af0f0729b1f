package dev.jnas.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How each way Slurm ends a job reads as a trial's failure (TIMEOUT and cancellations also run against real Slurm). */
class SlurmFailureTest {
  @Test
  void eachEndingStateNamesItsCause() {
    assertEquals("Slurm job 7 ended TIMEOUT: it ran past its time limit (maxTrialDuration PT2H)",
        SlurmService.failure("7", "TIMEOUT", "TimeLimit", null, Duration.ofHours(2), null));
    assertEquals("Slurm job 7 ended OUT_OF_MEMORY: it ran out of memory (memoryPerTrial 64G)",
        SlurmService.failure("7", "OUT_OF_MEMORY", "OutOfMemory", null, null, "64G"));
    assertEquals("Slurm job 7 ended OUT_OF_MEMORY: it ran out of memory (the partition's default)",
        SlurmService.failure("7", "OUT_OF_MEMORY", "OutOfMemory", null, null, null));
    assertEquals("Slurm job 7 ended NODE_FAIL: its node failed", SlurmService.failure("7", "NODE_FAIL", "NodeDown", null, null, null));
    assertEquals("Slurm job 7 ended FAILED with exit code 3:0 (NonZeroExitCode; see stderr.log)",
        SlurmService.failure("7", "FAILED", "NonZeroExitCode", "3:0", null, null));
    assertEquals("Slurm job 7 ended COMPLETED without its trial reporting an end (see stderr.log)",
        SlurmService.failure("7", "COMPLETED", "None", null, null, null));
    assertEquals("Slurm job 7 ended PREEMPTED (Preempted)", SlurmService.failure("7", "PREEMPTED", "Preempted", null, null, null));
  }
}
