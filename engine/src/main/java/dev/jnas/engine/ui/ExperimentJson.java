package dev.jnas.engine.ui;

import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.TrialState;
import dev.jnas.engine.strategy.OneShotStrategy;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.store.TrialOutput;
import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.Node;
import dev.jnas.ir.text.IrParser;
import dev.jnas.engine.store.TrialArchitecture;
import dev.jnas.ir.Choice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The API's JSON shapes (see docs/web-api.md) of a recorded experiment and its trials. */
final class ExperimentJson {
  private ExperimentJson() {}

  static Map<String, Object> experiment(ExperimentView v, boolean controllable) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", v.config().experimentName());
    out.put("dir", v.dir().toString());
    out.put("status", v.status());
    out.put("stopReason", v.stopReason());
    out.put("elapsedMs", v.elapsedMillis());
    out.put("maxTrialNumber", v.config().maxTrialNumber());
    out.put("optimizeMode", v.config().optimizeMode().name());
    out.put("metricKey", v.config().metricKey());
    out.put("metricLimits", v.config().metricLimits().stream().map(Object::toString).toList());
    out.put("medianStop", v.config().medianStop() == null ? null : Map.of("warmupSteps", v.config().medianStop().warmupSteps(),
        "minCompletedTrials", v.config().medianStop().minCompletedTrials()));
    out.put("hyperparameters", v.hyperparameters());
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("strategy", v.strategy());
    config.put("executionEngine", v.config().executionEngine().name());
    config.put("trainingService", v.config().trainingService().name());
    config.put("trialConcurrency", v.config().trialConcurrency());
    config.put("maxTrialNumber", v.config().maxTrialNumber());
    config.put("maxExperimentDurationMs", v.config().maxExperimentDuration() == null ? null : v.config().maxExperimentDuration().toMillis());
    config.put("seed", v.config().seed());
    out.put("config", config);
    out.put("startedAt", v.events().stream().filter(e -> e.kind().equals("started")).findFirst().map(ExperimentStore.Event::at).orElse(null));
    out.put("endedAt", v.status().equals("RUNNING") ? null
        : v.events().stream().filter(e -> e.kind().equals("stopped")).reduce((a, b) -> b).map(ExperimentStore.Event::at).orElse(null));
    out.put("finished", v.trials().stream().filter(t -> t.state().isResult()).count());
    Map<String, Long> states = new LinkedHashMap<>();
    for (TrialState s : TrialState.values()) {
      states.put(s.name(), v.trials().stream().filter(t -> t.state() == s).count());
    }
    out.put("states", states);
    // The five best successful trials of architectures (a supernet's estimate is no architecture's), best first:
    // "best" is the first of them.
    List<Map<String, Object>> top = v.trials().stream()
        .filter(t -> t.state() == TrialState.SUCCEEDED && !OneShotStrategy.isSupernetTrial(t.sample()))
        .sorted((a, b) -> v.config().optimizeMode().compareBestFirst(a.finalMetric().getAsDouble(), b.finalMetric().getAsDouble()))
        .limit(5).map(t -> Map.<String, Object>of("trial", t.id(), "metric", t.finalMetric().getAsDouble(), "sample", t.sample().decisions()))
        .toList();
    if (!top.isEmpty()) {
      out.put("best", top.get(0));
    }
    out.put("top", top);
    out.put("searchSpace", v.searchSpace());
    List<Map<String, Object>> choices = new ArrayList<>();
    for (Choice c : IrParser.parse(v.space()).choices()) {
      choices.add(choice(c, "model"));
    }
    for (Choice c : v.customChoices()) {
      choices.add(choice(c, v.hyperparameters().contains(c.label()) ? "evaluator" : "mutator"));
    }
    out.put("choices", choices);
    out.put("controls", controllable);
    out.put("rejections", v.events().stream().filter(e -> e.kind().equals("rejected")).map(ExperimentStore.Event::message).toList());
    return out;
  }

  private static Map<String, Object> choice(Choice c, String source) {
    return Map.of("label", c.label(), "kind", c.kind().name(), "candidates", c.candidates(), "source", source);
  }

  static List<Map<String, Object>> trials(ExperimentView v) {
    return v.trials().stream().map(ExperimentJson::summary).toList();
  }

  static Map<String, Object> summary(ExperimentStore.StoredTrial t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("sample", t.sample().decisions());
    out.put("state", t.state().name());
    out.put("metric", t.finalMetric().isPresent() ? t.finalMetric().getAsDouble() : null);
    out.put("durationMs", t.startedAt() == null ? null
        : (t.endedAt() == null ? System.currentTimeMillis() : t.endedAt()) - t.startedAt());
    out.put("intermediate", t.intermediate());
    out.put("metrics", t.finalMetrics());
    out.put("intermediateMetrics", t.intermediateMetrics());
    out.put("seed", t.seed());
    out.put("progress", t.progress() == null ? null : Map.of("done", t.progress().done(), "total", t.progress().total()));
    out.put("failure", t.failure());
    out.put("waiting", t.waiting());
    return out;
  }

  /** How much of a trial's standard output and error the trial page shows: the end, where failures are. */
  static final int OUTPUT_TAIL = 64 * 1024;

  /**
   * The summary plus what the trial page shows: files (relative to {@code dir}), generated source,
   * graph, log, and the end of what it printed.
   */
  static Map<String, Object> trial(Path dir, ExperimentView v, ExperimentStore.StoredTrial t) throws IOException {
    Map<String, Object> out = summary(t);
    out.put("architecture", t.architecture());
    Path trialDir = dir.resolve("trials").resolve(Integer.toString(t.id()));
    List<String> files = new ArrayList<>();
    if (Files.isDirectory(trialDir)) {
      try (Stream<Path> list = Files.list(trialDir)) {
        list.sorted().forEach(p -> files.add(dir.relativize(p).toString()));
      }
    }
    out.put("files", files);
    String source = files.stream().filter(f -> f.endsWith(".java")).findFirst()
        .map(f -> read(dir.resolve(f))).orElse(null);
    out.put("source", source);
    // A supernet trial ran no one architecture: its graph is the space's, choice points and all.
    out.put("graph", graph(OneShotStrategy.isSupernetTrial(t.sample()) ? IrParser.parse(v.space())
        : TrialArchitecture.read(trialDir, v.space(), t.sample())));
    Path log = trialDir.resolve("trial.log");
    out.put("log", Files.isRegularFile(log) ? read(log) : "");
    out.put("stdout", TrialOutput.tail(trialDir.resolve(TrialOutput.STDOUT), OUTPUT_TAIL));
    out.put("stderr", TrialOutput.tail(trialDir.resolve(TrialOutput.STDERR), OUTPUT_TAIL));
    return out;
  }

  /** The frozen architecture as Cytoscape elements: a node per input and IR node, an edge per read. */
  static List<Map<String, Object>> graph(Graph g) {
    List<Map<String, Object>> elements = new ArrayList<>();
    for (GraphInput in : g.inputs()) {
      elements.add(Map.of("data", Map.of("id", in.name(), "label", in.name() + "\n" + in.shape().map(Object::toString).orElse(""), "kind", "input")));
    }
    for (Node n : g.nodes()) {
      elements.add(Map.of("data", Map.of("id", n.name(), "label", n.name() + "\n" + n.op().kind(), "kind", n.op().kind())));
      for (String input : n.inputs()) {
        elements.add(Map.of("data", Map.of("id", input + "->" + n.name(), "source", input, "target", n.name())));
      }
    }
    return elements;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}
