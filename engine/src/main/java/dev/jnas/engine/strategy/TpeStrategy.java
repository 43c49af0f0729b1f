package dev.jnas.engine.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Tree-structured Parzen estimator over categorical decisions (Bergstra et al. 2011): after
 * {@code startupTrials} random ones, each choice takes the candidate that maximises l(x)/g(x)
 * among draws from l, where l and g are smoothed frequencies of x among the best {@code gamma}
 * of the trials and the rest. A conditional choice is estimated only from the trials whose
 * architecture reached it. Metrics come oriented so that larger is better (see Strategy#tell),
 * so it honours MINIMIZE too.
 */
public final class TpeStrategy extends SearchStrategy {
  private record Observation(Sample sample, double metric) {}

  private int startupTrials = 10;
  private double gamma = 0.25;
  private int drawsPerChoice = 24;
  private double prior = 1.0;
  private ArchitectureSpace space;
  private Random random;
  private final List<Observation> history = new ArrayList<>();
  private final Proposals proposals = new Proposals();

  /**
   * Trials drawn at random before the model guides the search (default 10); throws {@link
   * IllegalArgumentException} below 0. Returns this strategy.
   */
  public TpeStrategy startupTrials(int n) {
    this.startupTrials = RegularizedEvolutionStrategy.atLeast(0, n, "startupTrials");
    return this;
  }

  /** The share of trials that count as good (default 0.25). */
  public TpeStrategy gamma(double gamma) {
    if (!(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1), got " + gamma);
    }
    this.gamma = gamma;
    return this;
  }

  /** Whether never to propose an architecture twice (default {@code true}); returns this strategy. */
  public TpeStrategy dedup(boolean dedup) {
    proposals.dedup(dedup);
    return this;
  }

  @Override
  public TpeStrategy constraint(Constraint constraint) {
    super.constraint(constraint);
    return this;
  }

  @Override
  protected void begin(ArchitectureSpace space, long seed) {
    this.space = space;
    this.random = new Random(seed);
    history.clear();
    proposals.clear();
  }

  @Override
  protected Optional<Sample> propose() {
    return proposals.next(space, attempt -> history.size() >= startupTrials && attempt < 50
        ? suggest() : Samples.uniform(space, random));
  }

  private Sample suggest() {
    Map<String, Object> decisions = new LinkedHashMap<>();
    for (Choice c : space.choices()) {
      List<Observation> reached = history.stream().filter(o -> o.sample().decisions().containsKey(c.label()))
          .sorted(Comparator.comparingDouble(Observation::metric).reversed()).toList();
      if (reached.size() < 2) {
        decisions.put(c.label(), Samples.pick(c, random));
        continue;
      }
      int good = Math.max(1, (int) Math.ceil(gamma * reached.size()));
      double[] l = density(c, reached.subList(0, good));
      double[] g = density(c, reached.subList(good, reached.size()));
      int best = -1;
      double bestRatio = Double.NEGATIVE_INFINITY;
      for (int d = 0; d < drawsPerChoice; d++) {
        int x = draw(l);
        double ratio = l[x] / g[x];
        if (ratio > bestRatio) {
          bestRatio = ratio;
          best = x;
        }
      }
      decisions.put(c.label(), c.candidates().get(best));
    }
    return space.canonical(decisions);
  }

  /** Smoothed frequencies of each candidate among {@code observations}. */
  private double[] density(Choice c, List<Observation> observations) {
    double[] p = new double[c.candidates().size()];
    java.util.Arrays.fill(p, prior);
    for (Observation o : observations) {
      int index = c.candidates().indexOf(o.sample().get(c.label()));
      if (index >= 0) {
        p[index] += 1;
      }
    }
    double total = observations.size() + prior * p.length;
    for (int i = 0; i < p.length; i++) {
      p[i] /= total;
    }
    return p;
  }

  private int draw(double[] p) {
    double u = random.nextDouble();
    for (int i = 0; i < p.length; i++) {
      u -= p[i];
      if (u <= 0) {
        return i;
      }
    }
    return p.length - 1;
  }

  @Override
  public void tell(Sample sample, OptionalDouble metric) {
    if (metric.isPresent()) {
      history.add(new Observation(sample, metric.getAsDouble()));
    }
  }

  @Override
  public String snapshot() {
    List<Map<String, Object>> observations = history.stream()
        .map(o -> Map.<String, Object>of("sample", o.sample().toJson(), "metric", o.metric())).toList();
    return StrategyState.write(Map.of("rng", StrategyState.save(random),
        "proposed", proposals.saved(), "history", observations));
  }

  @Override
  public void restore(String snapshot) {
    JsonNode state = StrategyState.read(snapshot, "TpeStrategy");
    random = StrategyState.load(state.get("rng").asText());
    proposals.restore(state.get("proposed"));
    history.clear();
    state.get("history").forEach(o -> history.add(new Observation(Sample.fromJson(o.get("sample").asText()), o.get("metric").asDouble())));
  }

  @Override
  protected String why() {
    return proposals.exhausted();
  }
}
