package dev.jnas.engine.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Sample;
import dev.jnas.runtime.TrainingLock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * REINFORCE with a moving-average baseline (Zoph and Le 2017): an LSTM controller, built and
 * trained with DJL, emits one decision per choice, each fed back as the next step's input; after
 * every {@code samplesPerUpdate} results it takes an Adam step on -(reward - baseline) * log p.
 * Decisions are drawn with a seeded generator and weights start from it, so a seed fixes the
 * sequence. Training takes the process's one DJL gradient collector under {@link TrainingLock}.
 */
public final class PolicyBasedRlStrategy extends SearchStrategy {
  private static final int HIDDEN = 32;

  private int samplesPerUpdate = 4;
  private float learningRate = 0.05f;
  private double baselineDecay = 0.9;
  private ArchitectureSpace space;
  private Random random;
  private NDManager manager;
  /** Parameter name to values (row-major), kept as Java arrays so snapshots and restores are exact. */
  private final Map<String, float[]> weights = new LinkedHashMap<>();
  private final Map<String, float[]> firstMoment = new LinkedHashMap<>();
  private final Map<String, float[]> secondMoment = new LinkedHashMap<>();
  private final Map<String, Shape> shapes = new LinkedHashMap<>();
  private final List<Map<String, Object>> batch = new ArrayList<>();
  private final List<Double> rewards = new ArrayList<>();
  private final Proposals proposals = new Proposals();
  private Map<String, Object> lastDrawn;
  private final Map<Sample, Map<String, Object>> drawnDecisions = new LinkedHashMap<>();
  private double baseline = Double.NaN;
  private int steps;

  /** Results per policy update (default 4); throws {@link IllegalArgumentException} below 1. Returns this strategy. */
  public PolicyBasedRlStrategy samplesPerUpdate(int n) {
    this.samplesPerUpdate = RegularizedEvolutionStrategy.atLeast(1, n, "samplesPerUpdate");
    return this;
  }

  /**
   * The controller's Adam learning rate (default 0.05); throws {@link IllegalArgumentException} unless positive.
   * Returns this strategy.
   */
  public PolicyBasedRlStrategy learningRate(double lr) {
    if (!(lr > 0)) {
      throw new IllegalArgumentException("learningRate must be positive, got " + lr);
    }
    this.learningRate = (float) lr;
    return this;
  }

  /** Whether never to propose an architecture twice (default {@code true}); returns this strategy. */
  public PolicyBasedRlStrategy dedup(boolean dedup) {
    proposals.dedup(dedup);
    return this;
  }

  @Override
  public PolicyBasedRlStrategy constraint(Constraint constraint) {
    super.constraint(constraint);
    return this;
  }

  @Override
  protected void begin(ArchitectureSpace space, long seed) {
    this.space = space;
    this.random = new Random(seed);
    if (manager != null) {
      manager.close();
    }
    manager = NDManager.newBaseManager();
    weights.clear();
    firstMoment.clear();
    secondMoment.clear();
    shapes.clear();
    batch.clear();
    rewards.clear();
    proposals.clear();
    drawnDecisions.clear();
    baseline = Double.NaN;
    steps = 0;
    int tokens = 1 + space.choices().stream().mapToInt(c -> c.candidates().size()).sum();
    parameter("embedding", new Shape(tokens, HIDDEN), 0.1f);
    parameter("lstm.input", new Shape(HIDDEN, 4 * HIDDEN), (float) (1 / Math.sqrt(HIDDEN)));
    parameter("lstm.hidden", new Shape(HIDDEN, 4 * HIDDEN), (float) (1 / Math.sqrt(HIDDEN)));
    parameter("lstm.bias", new Shape(4 * HIDDEN), 0f);
    for (int i = 0; i < space.choices().size(); i++) {
      parameter("head." + i, new Shape(HIDDEN, space.choices().get(i).candidates().size()), (float) (1 / Math.sqrt(HIDDEN)));
    }
  }

  private void parameter(String name, Shape shape, float scale) {
    float[] values = new float[(int) shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
    }
    weights.put(name, values);
    firstMoment.put(name, new float[values.length]);
    secondMoment.put(name, new float[values.length]);
    shapes.put(name, shape);
  }

  @Override
  protected Optional<Sample> propose() {
    Optional<Sample> next = proposals.next(space, attempt -> {
      // The policy first; if it keeps repeating itself, uniform draws cover the rest.
      lastDrawn = attempt < 100 ? sampleFromPolicy() : uniformDecisions();
      return space.canonical(lastDrawn);
    });
    next.ifPresent(s -> drawnDecisions.put(s, lastDrawn));
    return next;
  }

  private Map<String, Object> uniformDecisions() {
    Map<String, Object> decisions = new LinkedHashMap<>();
    for (Choice c : space.choices()) {
      decisions.put(c.label(), Samples.pick(c, random));
    }
    return decisions;
  }

  /** Runs the controller, drawing each decision from its softmax. */
  private Map<String, Object> sampleFromPolicy() {
    try (NDManager step = manager.newSubManager()) {
      Map<String, Object> decisions = new LinkedHashMap<>();
      unroll(arrays(step), step, (i, logits) -> {
        Choice choice = space.choices().get(i);
        int index = draw(logits.softmax(1).toFloatArray());
        decisions.put(choice.label(), choice.candidates().get(index));
        return index;
      });
      return decisions;
    }
  }

  /**
   * Steps the LSTM once per choice, each step fed the embedding of the previous decision;
   * {@code decide} gets the choice's index and logits and returns the decision taken.
   */
  private void unroll(Map<String, NDArray> p, NDManager step, java.util.function.BiFunction<Integer, NDArray, Integer> decide) {
    NDArray h = step.zeros(new Shape(1, HIDDEN));
    NDArray c = step.zeros(new Shape(1, HIDDEN));
    int token = 0;
    int offset = 1;
    for (int i = 0; i < space.choices().size(); i++) {
      NDArray[] hc = lstm(p, p.get("embedding").get(token).reshape(1, HIDDEN), h, c);
      h = hc[0];
      c = hc[1];
      int index = decide.apply(i, h.matMul(p.get("head." + i)));
      token = offset + index;
      offset += space.choices().get(i).candidates().size();
    }
  }

  private NDArray[] lstm(Map<String, NDArray> p, NDArray x, NDArray h, NDArray c) {
    NDArray gates = x.matMul(p.get("lstm.input")).add(h.matMul(p.get("lstm.hidden"))).add(p.get("lstm.bias"));
    NDList split = gates.split(4, 1);
    NDArray input = ai.djl.nn.Activation.sigmoid(split.get(0));
    NDArray forget = ai.djl.nn.Activation.sigmoid(split.get(1));
    NDArray candidate = split.get(2).tanh();
    NDArray output = ai.djl.nn.Activation.sigmoid(split.get(3));
    NDArray cell = forget.mul(c).add(input.mul(candidate));
    return new NDArray[] {output.mul(cell.tanh()), cell};
  }

  private int draw(float[] probabilities) {
    double u = random.nextDouble();
    for (int i = 0; i < probabilities.length; i++) {
      u -= probabilities[i];
      if (u <= 0) {
        return i;
      }
    }
    return probabilities.length - 1;
  }

  @Override
  public void tell(Sample sample, OptionalDouble metric) {
    Map<String, Object> decisions = drawnDecisions.remove(sample);
    if (metric.isEmpty() || decisions == null) {
      return;
    }
    batch.add(decisions);
    rewards.add(metric.getAsDouble());
    if (batch.size() >= samplesPerUpdate) {
      update();
      batch.clear();
      rewards.clear();
    }
  }

  /** One REINFORCE step on the batch, with the moving-average baseline. */
  private void update() {
    try {
      TrainingLock.step(() -> {
        try (NDManager step = manager.newSubManager()) {
          Map<String, NDArray> p = arrays(step);
          p.values().forEach(a -> a.setRequiresGradient(true));
          try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray loss = step.zeros(new Shape());
            for (int b = 0; b < batch.size(); b++) {
              double reward = rewards.get(b);
              baseline = Double.isNaN(baseline) ? reward : baselineDecay * baseline + (1 - baselineDecay) * reward;
              loss = loss.add(logProbability(p, batch.get(b), step).mul(-(reward - baseline)));
            }
            collector.backward(loss.div(batch.size()));
          }
          steps++;
          for (Map.Entry<String, NDArray> e : p.entrySet()) {
            adam(e.getKey(), e.getValue().getGradient().toFloatArray());
          }
        }
      });
    } catch (Exception e) {
      throw new IllegalStateException("the RL controller's update failed: " + e.getMessage(), e);
    }
  }

  private NDArray logProbability(Map<String, NDArray> p, Map<String, Object> decisions, NDManager step) {
    NDArray[] total = {step.zeros(new Shape())};
    unroll(p, step, (i, logits) -> {
      Choice choice = space.choices().get(i);
      int index = choice.candidates().indexOf(decisions.get(choice.label()));
      total[0] = total[0].add(logits.logSoftmax(1).get(0, index));
      return index;
    });
    return total[0];
  }

  private void adam(String name, float[] gradient) {
    float[] w = weights.get(name);
    float[] m = firstMoment.get(name);
    float[] v = secondMoment.get(name);
    double correction1 = 1 - Math.pow(0.9, steps);
    double correction2 = 1 - Math.pow(0.999, steps);
    for (int i = 0; i < w.length; i++) {
      m[i] = 0.9f * m[i] + 0.1f * gradient[i];
      v[i] = 0.999f * v[i] + 0.001f * gradient[i] * gradient[i];
      w[i] -= (float) (learningRate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + 1e-8));
    }
  }

  private Map<String, NDArray> arrays(NDManager step) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    weights.forEach((name, values) -> out.put(name, step.create(values, shapes.get(name))));
    return out;
  }

  @Override
  public String snapshot() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("rng", StrategyState.save(random));
    state.put("weights", weights);
    state.put("m", firstMoment);
    state.put("v", secondMoment);
    state.put("baseline", Double.isNaN(baseline) ? null : baseline);
    state.put("steps", steps);
    state.put("batch", batch);
    state.put("rewards", rewards);
    state.put("proposed", proposals.saved());
    List<Map<String, Object>> drawn = new ArrayList<>();
    drawnDecisions.forEach((s, d) -> drawn.add(Map.of("sample", s.toJson(), "decisions", Sample.of(d).toJson())));
    state.put("drawn", drawn);
    return StrategyState.write(state);
  }

  @Override
  public void restore(String snapshot) {
    JsonNode state = StrategyState.read(snapshot, "PolicyBasedRlStrategy");
    random = StrategyState.load(state.get("rng").asText());
    readArrays(state.get("weights"), weights);
    readArrays(state.get("m"), firstMoment);
    readArrays(state.get("v"), secondMoment);
    baseline = state.get("baseline").isNull() ? Double.NaN : state.get("baseline").asDouble();
    steps = state.get("steps").asInt();
    batch.clear();
    state.get("batch").forEach(d -> batch.add(Sample.fromJson(d.toString()).decisions()));
    rewards.clear();
    state.get("rewards").forEach(r -> rewards.add(r.asDouble()));
    proposals.restore(state.get("proposed"));
    drawnDecisions.clear();
    state.get("drawn").forEach(d -> drawnDecisions.put(Sample.fromJson(d.get("sample").asText()),
        Sample.fromJson(d.get("decisions").asText()).decisions()));
  }

  private static void readArrays(JsonNode node, Map<String, float[]> into) {
    node.fields().forEachRemaining(e -> {
      float[] values = new float[e.getValue().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) e.getValue().get(i).asDouble();
      }
      into.put(e.getKey(), values);
    });
  }

  @Override
  protected String why() {
    return proposals.exhausted();
  }
}
