package dev.jnas.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.store.ExperimentLock;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.ir.Choice;
import java.nio.file.Path;
import java.util.List;

/**
 * A recorded experiment read back from its store, without running anything: what
 * {@link NasExperiment#view} returns and what the web UI and CLI show. {@code status} is RUNNING
 * only while a process holds the experiment's lock; a store that says RUNNING with the lock free
 * was left by a process that died, and reads as INTERRUPTED. {@code space} is the traced space's IR
 * and {@code customChoices} the choices its custom mutators and its evaluator's hyperparameters
 * added, if any; {@code hyperparameters} the labels of the latter; {@code strategy} the search
 * strategy's class name.
 */
public record ExperimentView(
    Path dir, ExperimentConfig config, String space, List<Choice> customChoices, String searchSpace, String status, String stopReason,
    long elapsedMillis, List<ExperimentStore.StoredTrial> trials, List<ExperimentStore.Event> events, List<String> hyperparameters,
    String strategy) {
  /** The status of an experiment whose process ended without recording how (kill -9, a crash). */
  public static final String INTERRUPTED = "INTERRUPTED";
  private static final ObjectMapper JSON = new ObjectMapper();

  public ExperimentView {
    customChoices = List.copyOf(customChoices);
    trials = List.copyOf(trials);
    events = List.copyOf(events);
    hyperparameters = List.copyOf(hyperparameters);
  }

  /** The store key of the strategy's class name ("" in experiments recorded before it was kept). */
  static final String STRATEGY = "strategy";

  /** The store key of the evaluator's hyperparameter labels, a JSON array. */
  static final String HYPERPARAMETERS = "hyperparameters";

  /** Reads the experiment recorded in {@code dir}. */
  public static ExperimentView read(Path dir) {
    try (ExperimentStore store = ExperimentStore.open(dir)) {
      String status = store.get("status").orElse("UNKNOWN");
      String reason = store.get("stop_reason").orElse("");
      if (status.equals(ExperimentStore.Status.RUNNING.name()) && ExperimentLock.holder(dir).isEmpty()) {
        status = INTERRUPTED;
        reason = "the process running it" + ExperimentLock.lastHolder(dir).map(h -> " (" + h + ")").orElse("")
            + " ended without recording a stop (killed or crashed); jnas resume continues it";
      }
      long elapsed;
      try {
        elapsed = Long.parseLong(store.get("elapsed_ms").orElse("0"));
      } catch (NumberFormatException e) {
        throw store.corrupt("the recorded elapsed time is not a number: " + e.getMessage(), e);
      }
      List<Choice> custom;
      try {
        custom = RecordedChoices.read(store.get(RecordedChoices.KEY).orElse(RecordedChoices.NONE));
      } catch (IllegalArgumentException e) {
        throw store.corrupt(e.getMessage(), e);
      }
      List<String> hyperparameters;
      try {
        hyperparameters = List.of(JSON.readValue(store.get(HYPERPARAMETERS).orElse("[]"), String[].class));
      } catch (JsonProcessingException e) {
        throw store.corrupt("the recorded hyperparameter labels are not readable: " + e.getOriginalMessage(), e);
      }
      return new ExperimentView(dir, store.config(), store.get("space").orElse(""), custom, store.get("search_space").orElse(""),
          status, reason, elapsed, store.trials(), store.events(), hyperparameters, store.get(STRATEGY).orElse(""));
    }
  }
}
