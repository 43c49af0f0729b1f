package dev.jnas.engine;

import dev.jnas.engine.scheduler.TrialPreparer;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tracer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * The engine's overhead per trial before user code runs: sample, frozen IR, generated source,
 * compiled class, instantiated block. Warm (after a warm-up over every architecture), for trials
 * that compile their architecture and for a run of trials drawn at random, where the cache by
 * architecture spares repeats. Prints median and p90 in milliseconds.
 */
public final class Bench {
  private Bench() {}

  /** The figures for one kind of trial: label, median and p90 in milliseconds, count. */
  public record Figure(String what, double median, double p90, int trials) {
    @Override
    public String toString() {
      return String.format("%-44s median %6.2f ms  p90 %6.2f ms  (%d trials)", what, median, p90, trials);
    }
  }

  /** Measures {@code trials} random trials of the space {@code constructor} builds on inputs of {@code input}. */
  public static List<Figure> run(Supplier<? extends NasModule> constructor, TensorShape input, int trials, ExecutionEngine engine) {
    Graph space = Tracer.trace(constructor.get(), input).graph();
    List<Sample> all = SearchSpace.architectures(space, 10_000);
    try (TrialPreparer warm = new TrialPreparer(space, constructor, input, engine)) {
      for (int round = 0; round < 5; round++) {
        all.forEach(s -> instantiate(warm, s));
      }
    }
    List<Double> fresh = new ArrayList<>();
    List<Double> mixed = new ArrayList<>();
    try (TrialPreparer preparer = new TrialPreparer(space, constructor, input, engine)) {
      for (Sample s : all) {
        fresh.add(time(preparer, s));
      }
    }
    RandomStrategy random = new RandomStrategy().dedup(false);
    random.start(new TracedArchitectures(space), 1);
    try (TrialPreparer preparer = new TrialPreparer(space, constructor, input, engine)) {
      for (int i = 0; i < trials; i++) {
        mixed.add(time(preparer, random.ask().orElseThrow()));
      }
    }
    return List.of(
        figure("each architecture's first trial (compiles)", fresh),
        figure(trials + " random trials (cached by architecture)", mixed));
  }

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    String spaceClass = args.length > 1 ? args[1] : "dev.jnas.samples.ModelSpace";
    Class<? extends NasModule> type = Class.forName(spaceClass).asSubclass(NasModule.class);
    Supplier<NasModule> constructor = () -> {
      try {
        return type.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
    // BENCHMARK trials compile nothing, so only the two compiling engines are measured.
    for (ExecutionEngine engine : List.of(ExecutionEngine.BASE, ExecutionEngine.PURE)) {
      System.out.println("jnas bench, " + type.getSimpleName() + " on (1, 28, 28), " + engine + " engine:");
      for (Figure f : run(constructor, TensorShape.batchOf(1, 28, 28), trials, engine)) {
        System.out.println("  " + f);
      }
    }
  }

  private static double time(TrialPreparer preparer, Sample sample) {
    long start = System.nanoTime();
    instantiate(preparer, sample);
    return (System.nanoTime() - start) / 1e6;
  }

  private static void instantiate(TrialPreparer preparer, Sample sample) {
    try {
      preparer.load(preparer.generate(sample).block()).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Figure figure(String what, List<Double> ms) {
    List<Double> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    return new Figure(what, sorted.get(sorted.size() / 2), sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.9) - 1)), ms.size());
  }
}
