package dev.jnas.engine.strategy;

import dev.jnas.runtime.OneShotTrainer;
import dev.jnas.runtime.OneShotTrial;
import java.util.Map;

/**
 * Single-path one-shot NAS (SPOS; NNI's {@code RandomOneShot}): each training step runs one path
 * drawn uniformly, then an evolution search scores paths on the validation set with the
 * supernet's weights and keeps the best. See {@link OneShotStrategy}.
 */
public final class RandomOneShotStrategy extends OneShotStrategy<RandomOneShotStrategy> {
  private int searchBudget = 40;
  private int population = 10;
  private boolean widestPath = true;

  /** SPOS scoring 40 paths with a population of 10, retraining what it derives. */
  public RandomOneShotStrategy() {
    super(OneShotTrainer.Method.SPOS);
  }

  /** Paths the search scores (default 40; every path of a smaller space). */
  public RandomOneShotStrategy searchBudget(int paths) {
    if (paths < 1) {
      throw new IllegalArgumentException("searchBudget must be at least 1, got " + paths);
    }
    this.searchBudget = paths;
    return this;
  }

  /** Paths the evolution keeps (default 10); the first generation is random. */
  public RandomOneShotStrategy population(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("population must be at least 1, got " + size);
    }
    this.population = size;
    return this;
  }

  /**
   * Whether each step also trains the drawn path at its widest widths and kernels (default
   * {@code true}; see {@code OneShotTrainer.widestPath}); false is plain SPOS.
   */
  public RandomOneShotStrategy widestPath(boolean widestPath) {
    this.widestPath = widestPath;
    return this;
  }

  /** Whether each step also trains the drawn path at its widest. */
  public boolean widestPath() {
    return widestPath;
  }

  @Override
  protected RandomOneShotStrategy self() {
    return this;
  }

  @Override
  protected Map<String, Object> supernetSample() {
    return OneShotTrial.sample(OneShotTrainer.Method.SPOS, epochs(), searchBudget, population, 0, widestPath);
  }
}
