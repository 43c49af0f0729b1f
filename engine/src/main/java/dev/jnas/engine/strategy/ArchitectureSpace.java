package dev.jnas.engine.strategy;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Sample;
import java.util.List;
import java.util.Map;

/** What a strategy sees of a search space: its choices and its architectures, never its IR. */
public interface ArchitectureSpace {
  /** The choices, in order of first appearance. */
  List<Choice> choices();

  /** How many architectures; a lower bound when {@link #exact()} is false. */
  long size();

  boolean exact();

  /** The canonical sample (only reached decisions) of a full set of decisions. */
  Sample canonical(Map<String, Object> decisions);

  /** The first {@code limit} architectures, in a fixed order. */
  List<Sample> architectures(int limit);

  /** Parameters, FLOPs and output shapes of an architecture, from its frozen IR (for constraints). */
  ArchitectureStats stats(Sample sample);
}
