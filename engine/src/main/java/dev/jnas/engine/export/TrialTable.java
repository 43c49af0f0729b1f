package dev.jnas.engine.export;

import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.store.ExperimentStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every trial of an experiment as CSV, for a spreadsheet or pandas: id, state, a column per choice
 * and hyperparameter, a column per metric key any trial reported (its final value), duration,
 * seed and why it failed or stopped.
 */
public final class TrialTable {
  private TrialTable() {}

  /** The table of {@code view}'s trials as CSV text (RFC 4180 quoting), a header line first. */
  public static String csv(ExperimentView view) {
    Set<String> labels = new LinkedHashSet<>();
    Set<String> metrics = new LinkedHashSet<>();
    for (ExperimentStore.StoredTrial t : view.trials()) {
      labels.addAll(t.sample().decisions().keySet());
      metrics.addAll(t.finalMetrics().keySet());
    }
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("trial", "state"));
    header.addAll(labels);
    header.addAll(metrics);
    header.addAll(List.of("duration_s", "seed", "reason"));
    out.append(row(header));
    for (ExperimentStore.StoredTrial t : view.trials()) {
      List<String> cells = new ArrayList<>(List.of(Integer.toString(t.id()), t.state().name()));
      for (String label : labels) {
        Object d = t.sample().decisions().get(label);
        cells.add(d == null ? "" : d.toString());
      }
      for (String key : metrics) {
        Double v = t.finalMetrics().get(key);
        cells.add(v == null ? "" : v.toString());
      }
      cells.add(t.startedAt() == null || t.endedAt() == null ? "" : String.format("%.3f", (t.endedAt() - t.startedAt()) / 1000.0));
      cells.add(t.seed() == null ? "" : t.seed().toString());
      cells.add(t.failure() == null ? "" : t.failure());
      out.append(row(cells));
    }
    return out.toString();
  }

  private static String row(List<String> cells) {
    return cells.stream().map(TrialTable::quoted).collect(Collectors.joining(",")) + "\n";
  }

  /** A cell as RFC 4180 wants it: quoted when it holds a comma, quote or line break. */
  private static String quoted(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }
}
