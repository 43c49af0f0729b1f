package dev.jnas.runtime;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A generated supernet (jnas's {@code SupernetGenerator}): one block holding every candidate of a
 * space. With no path it mixes each choice's candidates by the softmax of that choice's
 * architecture parameter (DARTS); with a path it runs that one architecture (SPOS).
 */
public interface SupernetBlock extends Block {
  /** The labels of the space's choices, in the order of paths and architecture parameters. */
  List<String> choiceLabels();

  /** How many candidates each choice has. */
  int[] candidateCounts();

  /**
   * For each choice that narrows a width or a kernel, its candidate that builds the widest network
   * (whose weights hold every narrower one's); -1 for the other choices.
   */
  int[] widestCandidates();

  /**
   * For each choice, whether it only sets dropout rates: at inference all its candidates compute
   * the same, so paths that differ only there score the same.
   */
  boolean[] trainingOnlyChoices();

  /** Runs only {@code path}'s candidates (one index per choice) from now on; null mixes them all by weight. */
  void setPath(int[] path);

  /** The path set, or null while the weights mix every candidate. */
  int[] path();

  /** One parameter per choice, its candidates' logits. */
  List<Parameter> architectureParameters();
}
