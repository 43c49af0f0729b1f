package dev.jnas.runtime;

import java.io.Serializable;

/**
 * Evaluates one architecture: trains or scores blocks from the factory and reports through
 * {@link Nas}. A trial without a final result, or that throws, fails.
 *
 * <p>Trials run in worker JVMs, so an evaluator travels there serialized: it is
 * {@link Serializable}, and so must be what it holds. A lambda or method reference is
 * serializable when what it captures is (numbers, strings, {@link MnistData}, other evaluators);
 * the experiment checks this when it starts and names what cannot travel.
 */
@FunctionalInterface
public interface Evaluator extends Serializable {
  void evaluate(ModelFactory models) throws Exception;
}
