package dev.jnas.engine;

import dev.jnas.ir.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A trial as it stood when read: its sample, state, metrics, why it failed, how long it took and
 * where its files are.
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
    Path outputDir) {
  public Trial {
    intermediate = List.copyOf(intermediate);
  }
}
