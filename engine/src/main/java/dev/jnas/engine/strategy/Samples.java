package dev.jnas.engine.strategy;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Sample;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Random decisions for strategies: uniform draws, and a different candidate than a given one. */
final class Samples {
  private Samples() {}

  /** Every choice drawn uniformly, then reduced to the architecture's canonical sample. */
  static Sample uniform(ArchitectureSpace space, Random random) {
    Map<String, Object> decisions = new LinkedHashMap<>();
    for (Choice c : space.choices()) {
      decisions.put(c.label(), pick(c, random));
    }
    return space.canonical(decisions);
  }

  static Object pick(Choice c, Random random) {
    return c.candidates().get(random.nextInt(c.candidates().size()));
  }

  /** A candidate other than {@code current}, uniformly. */
  static Object other(Choice c, Object current, Random random) {
    int index = c.candidates().indexOf(current);
    int next = random.nextInt(c.candidates().size() - 1);
    return c.candidates().get(next >= index && index >= 0 ? next + 1 : next);
  }
}
