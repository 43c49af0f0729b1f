package dev.jnas.nn;

import dev.jnas.ir.Decisions;

/**
 * Base class of every model and layer. Submodules and choices are the object's fields, found by
 * reflection in declaration order and named after them; {@link ModuleList} and
 * {@link Sequential} hold indexed children. Users override {@link #forward(Tensor)} (or
 * {@link #forward(Tensor...)} for several inputs).
 */
public abstract class NasModule {
  /** Set on a root built by {@link FixedArchitecture}: the decisions its choices resolve to. */
  Decisions fixedDecisions;

  /** The computation on one input; override it. */
  public Tensor forward(Tensor x) {
    throw new SpaceException(getClass().getSimpleName() + " does not override forward(Tensor)");
  }

  /** The computation on several inputs; override it for modules that take more than one. */
  public Tensor forward(Tensor... inputs) {
    if (inputs.length == 1) {
      return forward(inputs[0]);
    }
    throw new SpaceException(getClass().getSimpleName() + " takes 1 input but was given "
        + inputs.length + "; override forward(Tensor...) to take several");
  }

  /** The module tree with every choice and its label, like PyTorch's printout. */
  @Override
  public String toString() {
    return ModulePrinter.print(this);
  }
}
