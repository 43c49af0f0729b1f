package dev.jnas.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bound on one reported metric (latency at most 20 ms, parameters at most 1e6): a trial whose
 * final metrics break it is INFEASIBLE, never ranked, and told to the strategy as a failure.
 *
 * @param key the metric's name in the trial's final report
 * @param atMost true for an upper bound, false for a lower one
 * @param bound the limit itself, which a value may equal
 */
public record MetricLimit(String key, boolean atMost, double bound) {
  public MetricLimit {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a metric limit needs the name of a metric");
    }
    if (!Double.isFinite(bound)) {
      throw new IllegalArgumentException("metric limit on '" + key + "' must be finite, got " + bound);
    }
  }

  /** {@code key} must be at most {@code bound}. */
  public static MetricLimit atMost(String key, double bound) {
    return new MetricLimit(key, true, bound);
  }

  /** {@code key} must be at least {@code bound}. */
  public static MetricLimit atLeast(String key, double bound) {
    return new MetricLimit(key, false, bound);
  }

  /** Why {@code metrics} break this limit, or empty when they keep it. */
  public Optional<String> violation(Map<String, Double> metrics) {
    Double value = metrics.get(key);
    if (value == null) {
      return Optional.of("it reported no '" + key + "', which a limit needs (" + this + "); it reported " + metrics.keySet());
    }
    boolean kept = atMost ? value <= bound : value >= bound;
    return kept ? Optional.empty() : Optional.of(key + " " + value + " breaks the limit " + this);
  }

  @Override
  public String toString() {
    return key + (atMost ? " <= " : " >= ") + bound;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("atMost", atMost);
    m.put("bound", bound);
    return m;
  }

  static MetricLimit fromJson(JsonNode n) {
    return new MetricLimit(n.get("key").asText(), n.get("atMost").asBoolean(), n.get("bound").asDouble());
  }
}
