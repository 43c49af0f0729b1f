package dev.jnas.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * The trial-side API, as NNI's {@code nni.report_intermediate_result} and friends. Works in the
 * thread that runs the evaluator and in any thread it starts (the trial context is inherited).
 */
public final class Nas {
  private static final InheritableThreadLocal<TrialContext> CURRENT = new InheritableThreadLocal<>();

  private Nas() {}

  /** Reports an intermediate metric: a number, or a map whose {@code "default"} entry is one. */
  public static void reportIntermediateResult(Object metric) {
    current("reportIntermediateResult").reportIntermediate(toNumber(metric));
  }

  /** Reports the trial's final metric: a number, or a map whose {@code "default"} entry is one. */
  public static void reportFinalResult(Object metric) {
    current("reportFinalResult").reportFinal(toNumber(metric));
  }

  public static int trialId() {
    return current("trialId").trialId();
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

  /** The number a metric stands for; a clear error for anything else. */
  static double toNumber(Object metric) {
    Object value = metric;
    if (metric instanceof Map<?, ?> map) {
      if (!map.containsKey("default")) {
        throw new IllegalArgumentException("a metric map needs a numeric \"default\" entry, got keys " + map.keySet());
      }
      value = map.get("default");
    }
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException("a metric must be a number or a map with a numeric \"default\", got "
          + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
    }
    double d = number.doubleValue();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("a metric must be finite, got " + d);
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
