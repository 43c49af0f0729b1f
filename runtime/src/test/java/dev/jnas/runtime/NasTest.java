package dev.jnas.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NasTest {
  /** A trial that records what is reported. */
  static final class Recorder implements TrialContext {
    final List<Double> intermediate = new CopyOnWriteArrayList<>();
    volatile Double last;

    @Override
    public int trialId() {
      return 7;
    }

    @Override
    public Path outputDir() {
      return Path.of("trials", "7");
    }

    @Override
    public void reportIntermediate(double value) {
      intermediate.add(value);
    }

    @Override
    public void reportFinal(double value) {
      last = value;
    }
  }

  @Test
  void reportsReachTheTrialFromItsOwnThreads() throws Exception {
    Recorder trial = new Recorder();
    Nas.runAs(trial, () -> {
      Nas.reportIntermediateResult(0.5);
      Thread worker = new Thread(() -> Nas.reportIntermediateResult(Map.of("default", 0.75, "loss", 0.1)));
      worker.start();
      worker.join();
      assertEquals(7, Nas.trialId());
      assertEquals(Path.of("trials", "7"), Nas.trialOutputDir());
      Nas.reportFinalResult(0.9f);
    });
    assertEquals(List.of(0.5, 0.75), trial.intermediate);
    assertEquals(0.9, trial.last, 1e-6);
  }

  @Test
  void anythingButANumberIsAClearError() {
    Recorder trial = new Recorder();
    String outside = assertThrows(IllegalStateException.class, () -> Nas.reportFinalResult(1.0)).getMessage();
    assertTrue(outside.startsWith("Nas.reportFinalResult works only inside a trial"), outside);
    assertEquals("a metric map needs a numeric \"default\" entry, got keys [acc]",
        assertThrows(IllegalArgumentException.class, () -> Nas.runAs(trial, () -> Nas.reportFinalResult(Map.of("acc", 1.0)))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Nas.runAs(trial, () -> Nas.reportFinalResult("high")))
        .getMessage().contains("got String high"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Nas.runAs(trial, () -> Nas.reportFinalResult(Double.NaN)))
        .getMessage().contains("must be finite"));
  }
}
