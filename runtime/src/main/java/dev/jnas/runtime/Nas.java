package dev.jnas.runtime;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trial-side API, as NNI's {@code nni.report_intermediate_result} and friends. Works in the
 * thread that runs the evaluator and in any thread it starts (the trial context is inherited).
 */
public final class Nas {
  private static final InheritableThreadLocal<TrialContext> CURRENT = new InheritableThreadLocal<>();

  private Nas() {}

  /**
   * Reports an intermediate metric: a number, or a map of metric names to numbers (accuracy, loss,
   * latency, ...), as NNI's {@code report_intermediate_result}. Every entry is kept; the
   * experiment ranks by one key ({@code "default"} unless its config names another), and a number
   * stands for {@code {"default": number}}.
   */
  public static void reportIntermediateResult(Object metric) {
    current("reportIntermediateResult").reportIntermediate(toMetrics(metric));
  }

  /** Reports the trial's final metric: a number or a map, as {@link #reportIntermediateResult}. */
  public static void reportFinalResult(Object metric) {
    current("reportFinalResult").reportFinal(toMetrics(metric));
  }

  /**
   * Progress inside the trial, such as batches trained of all it will train: the web UI and the
   * command line show the latest, so a long trial is not silent until its first report. Cheap to
   * call every batch (the trial passes it on a few times a second at most).
   */
  public static void reportProgress(long done, long total) {
    if (total <= 0 || done < 0 || done > total) {
      throw new IllegalArgumentException("progress must be 0 <= done <= total with total > 0, got " + done + " of " + total);
    }
    current("reportProgress").reportProgress(done, total);
  }

  /** The running trial's id; throws {@link IllegalStateException} outside a trial. */
  public static int trialId() {
    return current("trialId").trialId();
  }

  /**
   * The trial's random seed (from the experiment's seed and the trial id): use it for anything
   * random in an evaluator, so a trial is repeatable.
   */
  public static long trialSeed() {
    return current("trialSeed").seed();
  }

  /** A folder of this trial's own for files it wants kept (logs, checkpoints). */
  public static Path trialOutputDir() {
    return current("trialOutputDir").outputDir();
  }

  /** Whether the current trial may share its process with other training trials (true outside a trial). */
  static boolean sharesProcess() {
    TrialContext context = CURRENT.get();
    return context == null || context.sharesProcess();
  }

  /**
   * Runs {@code body} with {@code context} as the current trial (the engine's side of this API);
   * threads started inside inherit it.
   */
  public static void runAs(TrialContext context, ThrowingRunnable body) throws Exception {
    TrialContext previous = CURRENT.get();
    CURRENT.set(context);
    try {
      body.run();
    } finally {
      CURRENT.set(previous);
    }
  }

  /** A task that may throw. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** The metrics a report stands for, in the order given ({@code "default"} for a number); a clear error for anything else. */
  static Map<String, Double> toMetrics(Object metric) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (metric instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        throw new IllegalArgumentException("a metric map needs at least one entry, such as \"default\"");
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key) || key.isBlank()) {
          throw new IllegalArgumentException("a metric map's keys must be non-blank strings, got " + e.getKey());
        }
        out.put(key, number(e.getValue(), "metric \"" + key + "\""));
      }
    } else {
      out.put("default", number(metric, "a metric"));
    }
    return Collections.unmodifiableMap(out);
  }

  private static double number(Object value, String what) {
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException(what + " must be a number (or a map of names to numbers), got "
          + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
    }
    double d = number.doubleValue();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(what + " must be finite, got " + d);
    }
    return d;
  }

  private static TrialContext current(String call) {
    TrialContext context = CURRENT.get();
    if (context == null) {
      throw new IllegalStateException("Nas." + call + " works only inside a trial (an evaluator the engine runs, "
          + "or a thread it starts)");
    }
    return context;
  }
}
