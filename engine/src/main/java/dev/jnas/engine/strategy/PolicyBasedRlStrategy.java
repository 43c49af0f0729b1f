package dev.jnas.engine.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * REINFORCE with a moving-average baseline (Zoph and Le 2017): an LSTM controller ({@link LstmPolicy})
 * emits one decision per choice, each fed back as the next step's input; after every
 * {@code samplesPerUpdate} results it takes an Adam step on -(reward - baseline) * log p. Decisions
 * are drawn with a seeded generator and weights start from it, and the controller's arithmetic is
 * the same on every machine, so a seed fixes the sequence wherever the experiment runs.
 */
public final class PolicyBasedRlStrategy extends SearchStrategy {
  private int samplesPerUpdate = 4;
  private double learningRate = 0.05;
  private double baselineDecay = 0.9;
  private ArchitectureSpace space;
  private Random random;
  private LstmPolicy policy;
  /** Parameter name to values (row-major); doubles print and parse back exactly, so snapshots restore exactly. */
  private final Map<String, double[]> weights = new LinkedHashMap<>();
  private final Map<String, double[]> firstMoment = new LinkedHashMap<>();
  private final Map<String, double[]> secondMoment = new LinkedHashMap<>();
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
    this.learningRate = lr;
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
    policy = new LstmPolicy(space.choices().stream().mapToInt(c -> c.candidates().size()).toArray());
    weights.clear();
    firstMoment.clear();
    secondMoment.clear();
    batch.clear();
    rewards.clear();
    proposals.clear();
    drawnDecisions.clear();
    baseline = Double.NaN;
    steps = 0;
    policy.shapes().forEach((name, dims) -> {
      // Uniform in +-scale: small embeddings, 1/sqrt(fan-in) for the matrices, zero biases.
      double scale = name.equals("embedding") ? 0.1 : name.equals("lstm.bias") ? 0 : 1 / Math.sqrt(LstmPolicy.HIDDEN);
      double[] values = new double[LstmPolicy.size(dims)];
      for (int i = 0; i < values.length; i++) {
        values[i] = (random.nextDouble() * 2 - 1) * scale;
      }
      weights.put(name, values);
      firstMoment.put(name, new double[values.length]);
      secondMoment.put(name, new double[values.length]);
    });
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
    Map<String, Object> decisions = new LinkedHashMap<>();
    policy.unroll(weights, (i, probabilities) -> {
      Choice choice = space.choices().get(i);
      int index = draw(probabilities);
      decisions.put(choice.label(), choice.candidates().get(index));
      return index;
    });
    return decisions;
  }

  private int draw(double[] probabilities) {
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
    // The loss is the batch's mean of -(reward - baseline) * log p(decisions); descend its gradient.
    Map<String, double[]> gradient = policy.zeros();
    for (int b = 0; b < batch.size(); b++) {
      double reward = rewards.get(b);
      baseline = Double.isNaN(baseline) ? reward : baselineDecay * baseline + (1 - baselineDecay) * reward;
      Map<String, Object> decisions = batch.get(b);
      var unrolled = policy.unroll(weights, (i, probabilities) -> {
        Choice choice = space.choices().get(i);
        return choice.candidates().indexOf(decisions.get(choice.label()));
      });
      policy.addGradient(weights, unrolled, -(reward - baseline) / batch.size(), gradient);
    }
    steps++;
    gradient.forEach(this::adam);
  }

  private void adam(String name, double[] gradient) {
    double[] w = weights.get(name);
    double[] m = firstMoment.get(name);
    double[] v = secondMoment.get(name);
    double correction1 = 1 - StrictMath.pow(0.9, steps);
    double correction2 = 1 - StrictMath.pow(0.999, steps);
    for (int i = 0; i < w.length; i++) {
      m[i] = 0.9 * m[i] + 0.1 * gradient[i];
      v[i] = 0.999 * v[i] + 0.001 * gradient[i] * gradient[i];
      w[i] -= learningRate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + 1e-8);
    }
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

  private static void readArrays(JsonNode node, Map<String, double[]> into) {
    node.fields().forEachRemaining(e -> {
      double[] values = new double[e.getValue().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = e.getValue().get(i).asDouble();
      }
      into.put(e.getKey(), values);
    });
  }

  @Override
  protected String why() {
    return proposals.exhausted();
  }
}
