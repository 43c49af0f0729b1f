package dev.jnas.nn;

import dev.jnas.ir.op.Reduction;

/**
 * A choice of {@code nChosen} among {@code nCandidates} input tensors, merged by a
 * {@link Reduction}: sum, mean, concat (channels) or none (one input passed through).
 */
public final class InputChoice extends Module {
  final int nCandidates;
  final int nChosen;
  final Reduction reduction;
  String explicitLabel;

  public InputChoice(int nCandidates, int nChosen, Reduction reduction) {
    this.nCandidates = nCandidates;
    this.nChosen = nChosen;
    this.reduction = reduction;
  }

  /** Chooses one input and passes it through. */
  public InputChoice(int nCandidates) {
    this(nCandidates, 1, Reduction.NONE);
  }

  public InputChoice label(String label) {
    this.explicitLabel = SpaceException.label(label, "an InputChoice");
    return this;
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(new Tensor[] {x});
  }

  @Override
  public Tensor forward(Tensor... candidates) {
    return Trace.current("InputChoice.forward").inputChoice(this, candidates);
  }
}
