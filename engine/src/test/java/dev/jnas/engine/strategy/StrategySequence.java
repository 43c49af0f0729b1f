package dev.jnas.engine.strategy;

import dev.jnas.engine.TracedArchitectures;
import dev.jnas.engine.TutorialScore;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.TutorialSpace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/** Prints a strategy's proposals on the tutorial space; the contract test runs it in a fresh JVM. */
public final class StrategySequence {
  /** Every strategy the contract covers, by name. */
  static final Map<String, Supplier<Strategy>> STRATEGIES = new LinkedHashMap<>();

  static {
    STRATEGIES.put("random", RandomStrategy::new);
    STRATEGIES.put("grid", () -> new GridSearchStrategy().shuffle(true));
    STRATEGIES.put("evolution", () -> new RegularizedEvolutionStrategy().populationSize(4).sampleSize(2).mutationProb(0.3));
    STRATEGIES.put("tpe", () -> new TpeStrategy().startupTrials(4));
    STRATEGIES.put("rl", () -> new PolicyBasedRlStrategy().samplesPerUpdate(2));
  }

  private StrategySequence() {}

  /** The tutorial space as strategies see it. */
  static ArchitectureSpace tutorial() {
    return new TracedArchitectures(Tracer.trace(new TutorialSpace(), TensorShape.batchOf(1, 28, 28)).graph());
  }

  /** Arguments: strategy name, seed, number of proposals. */
  public static void main(String[] args) {
    Strategy strategy = STRATEGIES.get(args[0]).get();
    strategy.start(tutorial(), Long.parseLong(args[1]));
    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
      Optional<Sample> next = strategy.ask();
      if (next.isEmpty()) {
        break;
      }
      System.out.println(next.get().toJson());
      strategy.tell(next.get(), OptionalDouble.of(TutorialScore.of(next.get().decisions())));
    }
  }
}
