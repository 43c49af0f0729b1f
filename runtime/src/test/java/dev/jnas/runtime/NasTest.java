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
  static class Recorder implements TrialContext {
    /** The {@code "default"} of each intermediate report, and each report whole. */
    final List<Double> intermediate = new CopyOnWriteArrayList<>();
    final List<Map<String, Double>> maps = new CopyOnWriteArrayList<>();
    volatile Double last;
    volatile Map<String, Double> lastMetrics;
    final List<long[]> progress = new CopyOnWriteArrayList<>();

    @Override
    public void reportProgress(long done, long total) {
      progress.add(new long[] {done, total});
    }

    @Override
    public int trialId() {
      return 7;
    }

    @Override
    public Path outputDir() {
      return Path.of("trials", "7");
    }

    @Override
    public long seed() {
      return 11;
    }

    @Override
    public void reportIntermediate(Map<String, Double> metrics) {
      maps.add(metrics);
      if (metrics.containsKey("default")) {
        intermediate.add(metrics.get("default"));
      }
    }

    @Override
    public void reportFinal(Map<String, Double> metrics) {
      lastMetrics = metrics;
      last = metrics.get("default");
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
    assertEquals(Map.of("default", 0.75, "loss", 0.1), trial.maps.get(1), "every key of a map is kept");
    assertEquals(0.9, trial.last, 1e-6);
  }

  @Test
  void aMapKeepsItsOrderAndNeedsNoDefault() throws Exception {
    Recorder trial = new Recorder();
    java.util.LinkedHashMap<String, Object> metrics = new java.util.LinkedHashMap<>();
    metrics.put("accuracy", 0.9);
    metrics.put("latency", 12);
    Nas.runAs(trial, () -> Nas.reportFinalResult(metrics));
    assertEquals(List.of("accuracy", "latency"), List.copyOf(trial.lastMetrics.keySet()));
    assertEquals(12.0, trial.lastMetrics.get("latency"));
  }

  @Test
  void anythingButANumberIsAClearError() {
    Recorder trial = new Recorder();
    String outside = assertThrows(IllegalStateException.class, () -> Nas.reportFinalResult(1.0)).getMessage();
    assertTrue(outside.startsWith("Nas.reportFinalResult works only inside a trial"), outside);
    assertEquals("metric \"acc\" must be a number (or a map of names to numbers), got String high",
        assertThrows(IllegalArgumentException.class, () -> Nas.runAs(trial, () -> Nas.reportFinalResult(Map.of("acc", "high")))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Nas.runAs(trial, () -> Nas.reportFinalResult(Map.of())))
        .getMessage().contains("at least one entry"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Nas.runAs(trial, () -> Nas.reportFinalResult("high")))
        .getMessage().contains("got String high"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Nas.runAs(trial, () -> Nas.reportFinalResult(Double.NaN)))
        .getMessage().contains("must be finite"));
    assertEquals("progress must be 0 <= done <= total with total > 0, got 5 of 4",
        assertThrows(IllegalArgumentException.class, () -> Nas.runAs(trial, () -> Nas.reportProgress(5, 4))).getMessage());
  }
}
