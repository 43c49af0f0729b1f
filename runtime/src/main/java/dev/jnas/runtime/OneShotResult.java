package dev.jnas.runtime;

import java.util.List;

/**
 * What one-shot training found: the path (a candidate index per choice of the supernet), its
 * accuracy on the validation set with the supernet's weights (the one-shot estimate), the
 * architecture weights after each epoch (DARTS; softmax per choice), every path the search
 * evaluated (SPOS) and how many of them ran on the validation set (the rest differ from one that
 * ran only in dropout rates, and share its score), and the cost.
 */
public record OneShotResult(int[] path, double estimate, List<double[][]> architectureWeights, List<EvaluatedPath> searched,
    int pathsRun, long steps, double seconds) {
  public OneShotResult {
    path = path.clone();
    architectureWeights = List.copyOf(architectureWeights);
    searched = List.copyOf(searched);
  }

  @Override
  public int[] path() {
    return path.clone();
  }

  /**
   * One path the search ran on the validation set: its accuracy and mean loss there, and the mean
   * loss with dropout on as in training (measured only to break a tie for the least loss; NaN else).
   */
  public record EvaluatedPath(int[] path, double accuracy, double loss, double trainingLoss) {
    public EvaluatedPath {
      path = path.clone();
    }

    @Override
    public int[] path() {
      return path.clone();
    }
  }
}
