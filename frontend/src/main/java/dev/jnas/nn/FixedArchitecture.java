package dev.jnas.nn;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import dev.jnas.ir.expr.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The "pure" path, as NNI's {@code fixed_arch}: a space class instantiated with a sample (label to
 * decision) is a plain model; each choice resolves to its decision, so tracing it gives a frozen
 * graph. While the model is constructed, {@link ValueChoice#value()} already works for choices
 * with an explicit label, so constructors may loop over a chosen int.
 */
public final class FixedArchitecture {
  private static final ThreadLocal<Construction> CONSTRUCTING = new ThreadLocal<>();

  private FixedArchitecture() {}

  /** The decisions being constructed with, while a constructor runs. */
  record Construction(Decisions decisions) {
    Object resolve(ValueChoice<?> choice) {
      try {
        return choice.evaluate(leaf -> {
          if (leaf.explicitLabel == null) {
            throw new SpaceException("the value of an unlabelled " + leaf + " is unknown while the model is "
                + "constructed, since its label is its field path; give it .label(...) " + Trace.userFrame());
          }
          Object decision = decisions.byLabel().get(leaf.explicitLabel);
          if (decision == null) {
            throw new SpaceException("the sample has no decision for choice '" + leaf.explicitLabel + "' " + Trace.userFrame());
          }
          return decision;
        });
      } catch (IrException e) {
        throw new SpaceException(e.getMessage() + " " + Trace.userFrame(), e);
      }
    }
  }

  static Construction construction() {
    return CONSTRUCTING.get();
  }

  /**
   * Constructs the model with {@code constructor} and fixes its choices to {@code sample}. Every
   * label must be one of the space's and every decision one of its candidates.
   */
  public static <M extends NasModule> M instantiate(Supplier<M> constructor, Map<String, ?> sample) {
    Map<String, Object> normalized = new LinkedHashMap<>();
    sample.forEach((label, decision) -> normalized.put(label, Values.normalize(decision)));
    Decisions decisions = Decisions.of(normalized);
    Construction previous = CONSTRUCTING.get();
    CONSTRUCTING.set(new Construction(decisions));
    M model;
    try {
      model = constructor.get();
    } finally {
      if (previous == null) {
        CONSTRUCTING.remove();
      } else {
        CONSTRUCTING.set(previous);
      }
    }
    Tracer.requireModelWrapper(model);
    SpaceInfo info = SpaceWalker.walk(model);
    for (Map.Entry<String, Object> entry : normalized.entrySet()) {
      Choice choice = info.choices().stream().filter(c -> c.label().equals(entry.getKey())).findFirst()
          .orElseThrow(() -> new SpaceException("the sample names '" + entry.getKey() + "', which is not a choice of "
              + model.getClass().getSimpleName() + "; its choices are "
              + String.join(", ", info.choices().stream().map(Choice::label).toList())));
      if (!choice.candidates().contains(entry.getValue())) {
        throw new SpaceException("decision " + Values.render(entry.getValue()) + " for '" + entry.getKey()
            + "' is not among its candidates " + Values.render(choice.candidates()));
      }
    }
    model.fixedDecisions = decisions;
    return model;
  }
}
