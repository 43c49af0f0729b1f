package dev.jnas.codegen;

import ai.djl.Model;

/**
 * Guards saved parameters: DJL's {@code .params} files load by order without checking shapes, so
 * jnas stores the architecture hash as a model property when saving and checks it after loading.
 */
public final class ArchitectureCheck {
  /** The model property holding the architecture hash. */
  public static final String PROPERTY = "jnas.architecture";

  private ArchitectureCheck() {}

  /** Records {@code architectureHash} on {@code model}, to be saved with its parameters. */
  public static void stamp(Model model, String architectureHash) {
    model.setProperty(PROPERTY, architectureHash);
  }

  /** Fails clearly unless the loaded {@code model} was saved for {@code architectureHash}. */
  public static void verify(Model model, String architectureHash) {
    String saved = model.getProperty(PROPERTY);
    if (saved == null) {
      throw new IllegalStateException("the parameters of model '" + model.getName() + "' carry no " + PROPERTY
          + " property, so jnas cannot tell which architecture they belong to");
    }
    if (!saved.equals(architectureHash)) {
      throw new IllegalStateException("the parameters of model '" + model.getName() + "' were saved for architecture "
          + saved + ", but this block is architecture " + architectureHash + "; they would load into the wrong layers");
    }
  }
}
