package dev.jnas.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The median stopping rule, as NNI's Medianstop assessor and Optuna's MedianPruner: after
 * {@code warmupSteps} intermediate reports, and once {@code minCompletedTrials} trials have
 * completed, a trial whose best intermediate value so far is worse than the median of the
 * completed trials' values at the same step is stopped (EARLY_STOPPED, with the step and why).
 * Steps count a trial's intermediate reports from 1; values are the experiment's metric key.
 *
 * @param warmupSteps reports a trial makes before it can be stopped (at least 1)
 * @param minCompletedTrials completed trials with a value at a step before that step judges anyone
 */
public record MedianStop(int warmupSteps, int minCompletedTrials) {
  public MedianStop {
    if (warmupSteps < 1) {
      throw new IllegalArgumentException("medianStop warmupSteps must be at least 1, got " + warmupSteps);
    }
    if (minCompletedTrials < 1) {
      throw new IllegalArgumentException("medianStop minCompletedTrials must be at least 1, got " + minCompletedTrials);
    }
  }

  /** Optuna's defaults, near enough: judge from the first report on, once 5 trials have completed. */
  public static MedianStop standard() {
    return new MedianStop(1, 5);
  }

  /**
   * Why a trial with these intermediate values should stop now, or empty to let it go on.
   *
   * @param values the trial's values so far, one per report
   * @param completed each completed trial's values, one per report
   */
  public Optional<String> judge(List<Double> values, List<List<Double>> completed, OptimizeMode mode) {
    int step = values.size();
    if (step < warmupSteps) {
      return Optional.empty();
    }
    List<Double> atStep = new ArrayList<>();
    for (List<Double> c : completed) {
      if (c.size() >= step) {
        atStep.add(c.get(step - 1));
      }
    }
    if (atStep.size() < minCompletedTrials) {
      return Optional.empty();
    }
    double median = median(atStep);
    double best = values.get(0);
    for (double v : values) {
      best = mode.compareBestFirst(v, best) < 0 ? v : best;
    }
    if (mode.compareBestFirst(best, median) > 0) {
      return Optional.of(String.format("stopped at step %d: its best so far, %.4g, is worse than the median %.4g of %d completed"
          + " trials at that step (median stop)", step, best, median, atStep.size()));
    }
    return Optional.empty();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("warmupSteps", warmupSteps);
    m.put("minCompletedTrials", minCompletedTrials);
    return m;
  }

  static MedianStop fromJson(JsonNode n) {
    return new MedianStop(n.get("warmupSteps").asInt(), n.get("minCompletedTrials").asInt());
  }
}
