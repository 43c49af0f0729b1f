package dev.jnas.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * A recorded experiment read back from its store, without running anything: what
 * {@link NasExperiment#view} returns, and what the web UI and CLI (issue 6) will show.
 */
public record ExperimentView(
    Path dir, ExperimentConfig config, String space, String searchSpace, String status, String stopReason,
    long elapsedMillis, List<ExperimentStore.StoredTrial> trials, List<ExperimentStore.Event> events) {

  public ExperimentView {
    trials = List.copyOf(trials);
    events = List.copyOf(events);
  }
}
