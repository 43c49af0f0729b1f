package dev.jnas.nn;

/** Submodules applied in order, each to the previous one's output. */
public final class Sequential extends ModuleList {
  /** A chain that feeds each module's output to the next; throws {@link SpaceException} if a module is null. */
  public Sequential(NasModule... modules) {
    super(modules);
  }

  @Override
  public Tensor forward(Tensor x) {
    for (NasModule m : modules) {
      x = m.forward(x);
    }
    return x;
  }
}
