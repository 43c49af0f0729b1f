package dev.jnas.nn;

import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.Reduction;
import java.util.List;

/**
 * A choice of {@code nChosen} among {@code nCandidates} input tensors (or of any number of them,
 * {@link #any}), merged by a {@link Reduction}: sum, mean, concat (channels), or none: one input
 * passed through by {@link #forward}, or several chosen inputs given back by {@link #forwardEach},
 * as NNI's {@code reduction="none"} returns the list.
 */
public final class InputChoice extends NasModule {
  final int nCandidates;
  final int nChosen;
  final Reduction reduction;
  String explicitLabel;

  /** A choice of {@code nChosen} among {@code nCandidates} inputs, merged by {@code reduction}. */
  public InputChoice(int nCandidates, int nChosen, Reduction reduction) {
    this.nCandidates = nCandidates;
    this.nChosen = nChosen;
    this.reduction = reduction;
  }

  /** A choice of any non-empty number of the candidates, as NNI's {@code n_chosen=None}. */
  public static InputChoice any(int nCandidates, Reduction reduction) {
    return new InputChoice(nCandidates, InputChoiceOp.ANY, reduction);
  }

  /** Chooses one input and passes it through. */
  public InputChoice(int nCandidates) {
    this(nCandidates, 1, Reduction.NONE);
  }

  /**
   * Labels this choice (by default, its field's path); throws {@link SpaceException} for a null or blank label.
   * Returns this choice.
   */
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
    if (reduction == Reduction.NONE && nChosen > 1) {
      throw new SpaceException("this InputChoice chooses " + nChosen + " inputs with reduction none, so it gives "
          + nChosen + " tensors: call forwardEach " + Trace.userFrame());
    }
    return Trace.current("InputChoice.forward").inputChoice(this, candidates).get(0);
  }

  /** The chosen inputs themselves, in index order: for reduction none with several chosen. */
  public List<Tensor> forwardEach(Tensor... candidates) {
    return Trace.current("InputChoice.forwardEach").inputChoice(this, candidates);
  }
}
