package dev.jnas.nn;

/** Submodules applied in order, each to the previous one's output. */
public final class Sequential extends ModuleList {
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
