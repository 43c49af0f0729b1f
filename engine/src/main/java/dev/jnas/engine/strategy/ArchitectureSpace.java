package dev.jnas.engine.strategy;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Sample;
import java.util.List;
import java.util.Map;

/** What a strategy sees of a search space: its choices and its architectures, never its IR. */
public interface ArchitectureSpace {
  /** The choices, in order of first appearance. */
  List<Choice> choices();

  /** Exactly how many architectures the space spans. */
  java.math.BigInteger count();

  /** {@link #count} as a long, {@link Long#MAX_VALUE} when it is larger. */
  default long size() {
    java.math.BigInteger count = count();
    return count.bitLength() < Long.SIZE ? count.longValue() : Long.MAX_VALUE;
  }

  /** The canonical sample (only reached decisions) of a full set of decisions. */
  Sample canonical(Map<String, Object> decisions);

  /** The first {@code limit} architectures, in a fixed order. */
  List<Sample> architectures(int limit);

  /** Parameters, FLOPs and output shapes of an architecture, from its frozen IR (for constraints). */
  ArchitectureStats stats(Sample sample);
}
