package dev.jnas.engine.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Sample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Aging evolution (Real et al. 2019): random architectures until the population is full, then
 * the best of {@code sampleSize} random members is mutated (each choice resampled with
 * {@code mutationProb}, at least one changed) and the oldest member dies. With dedup (the
 * default) no architecture is proposed twice. A failed trial is skipped, or scored worst by option.
 */
public final class RegularizedEvolutionStrategy extends SearchStrategy {
  private record Member(Sample sample, double metric) {}

  private int populationSize = 100;
  private int sampleSize = 25;
  private double mutationProb = 0.05;
  private boolean failedAsWorst;
  private ArchitectureSpace space;
  private Random random;
  private final Deque<Member> population = new ArrayDeque<>();
  private final Proposals proposals = new Proposals();

  /** The population's size (default 100); throws {@link IllegalArgumentException} below 1. Returns this strategy. */
  public RegularizedEvolutionStrategy populationSize(int n) {
    this.populationSize = atLeast(1, n, "populationSize");
    return this;
  }

  /**
   * How many members a tournament samples to pick a parent (default 25); throws {@link IllegalArgumentException}
   * below 1. Returns this strategy.
   */
  public RegularizedEvolutionStrategy sampleSize(int n) {
    this.sampleSize = atLeast(1, n, "sampleSize");
    return this;
  }

  /**
   * The chance each choice is mutated in a child (default 0.05); throws {@link IllegalArgumentException} outside
   * [0, 1]. Returns this strategy.
   */
  public RegularizedEvolutionStrategy mutationProb(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("mutationProb must be in [0, 1], got " + p);
    }
    this.mutationProb = p;
    return this;
  }

  /** Whether never to propose an architecture twice (default {@code true}); returns this strategy. */
  public RegularizedEvolutionStrategy dedup(boolean dedup) {
    proposals.dedup(dedup);
    return this;
  }

  /** A failed trial joins the population with the worst score instead of being skipped. */
  public RegularizedEvolutionStrategy failedAsWorst(boolean worst) {
    this.failedAsWorst = worst;
    return this;
  }

  @Override
  public RegularizedEvolutionStrategy constraint(Constraint constraint) {
    super.constraint(constraint);
    return this;
  }

  @Override
  protected void begin(ArchitectureSpace space, long seed) {
    this.space = space;
    this.random = new Random(seed);
    population.clear();
    proposals.clear();
  }

  @Override
  protected Optional<Sample> propose() {
    // Mutations first; when they keep landing on known architectures, fresh random ones.
    return proposals.next(space, attempt -> population.size() >= populationSize && attempt < 100
        ? mutate(parent()) : Samples.uniform(space, random));
  }

  private Member parent() {
    List<Member> members = new ArrayList<>(population);
    Member best = null;
    for (int i = 0; i < Math.min(sampleSize, members.size()); i++) {
      Member m = members.get(random.nextInt(members.size()));
      if (best == null || m.metric() > best.metric()) {
        best = m;
      }
    }
    return best;
  }

  private Sample mutate(Member parent) {
    Map<String, Object> decisions = new LinkedHashMap<>(parent.sample().decisions());
    List<Choice> active = new ArrayList<>();
    boolean changed = false;
    for (Choice c : space.choices()) {
      if (!decisions.containsKey(c.label())) {
        decisions.put(c.label(), Samples.pick(c, random));
        continue;
      }
      active.add(c);
      if (c.candidates().size() > 1 && random.nextDouble() < mutationProb) {
        decisions.put(c.label(), Samples.other(c, decisions.get(c.label()), random));
        changed = true;
      }
    }
    List<Choice> mutable = active.stream().filter(c -> c.candidates().size() > 1).toList();
    if (!changed && !mutable.isEmpty()) {
      Choice c = mutable.get(random.nextInt(mutable.size()));
      decisions.put(c.label(), Samples.other(c, decisions.get(c.label()), random));
    }
    return space.canonical(decisions);
  }

  @Override
  public void tell(Sample sample, OptionalDouble metric) {
    if (metric.isEmpty() && !failedAsWorst) {
      return;
    }
    population.addLast(new Member(sample, metric.isPresent() ? metric.getAsDouble() : Double.NEGATIVE_INFINITY));
    while (population.size() > populationSize) {
      population.removeFirst();
    }
  }

  @Override
  protected void rejected(Sample sample) {
    // A rejected architecture stays proposed, so it is not drawn again.
  }

  @Override
  public String snapshot() {
    List<Map<String, Object>> members = population.stream()
        .map(m -> Map.<String, Object>of("sample", m.sample().toJson(), "metric", m.metric())).toList();
    return StrategyState.write(Map.of("rng", StrategyState.save(random),
        "proposed", proposals.saved(), "population", members));
  }

  @Override
  public void restore(String snapshot) {
    JsonNode state = StrategyState.read(snapshot, "RegularizedEvolutionStrategy");
    random = StrategyState.load(state.get("rng").asText());
    proposals.restore(state.get("proposed"));
    population.clear();
    state.get("population").forEach(m -> population.addLast(new Member(Sample.fromJson(m.get("sample").asText()), m.get("metric").asDouble())));
  }

  @Override
  protected String why() {
    return proposals.exhausted();
  }

  static int atLeast(int min, int value, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
