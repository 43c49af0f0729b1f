package dev.jnas.engine;

import dev.jnas.ir.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A trial as it stood when read: its sample, state, metrics, why it failed, how long it took and
 * where its files are.
 *
 * @param intermediate the experiment's metric key in each intermediate report that had it
 * @param finalMetric the metric key's final value, for a SUCCEEDED or INFEASIBLE trial
 * @param failure why it failed, was stopped early, or is infeasible; null otherwise
 * @param metrics every key of the final report (empty without one)
 * @param intermediateMetrics every intermediate report whole, in order
 * @param seed the trial's random seed, from the experiment's seed and the trial id
 */
public record Trial(
    int id,
    Sample sample,
    TrialState state,
    List<Double> intermediate,
    OptionalDouble finalMetric,
    String failure,
    Duration duration,
    String architecture,
    Path outputDir,
    Map<String, Double> metrics,
    List<Map<String, Double>> intermediateMetrics,
    long seed) {
  public Trial {
    intermediate = List.copyOf(intermediate);
    metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    intermediateMetrics = List.copyOf(intermediateMetrics);
  }
}
