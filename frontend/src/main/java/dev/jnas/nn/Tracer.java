package dev.jnas.nn;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.ShapeCheck;
import java.util.List;

/**
 * Turns a {@link ModelWrapper} model into IR by running its forward on symbolic tensors. A space
 * gives a graph with choice points, every candidate shape-checked while tracing; a model from
 * {@link FixedArchitecture} gives a frozen graph.
 */
public final class Tracer {
  private Tracer() {}

  /** Traces {@code model} on inputs of these shapes (use {@link TensorShape#batchOf} for a batch). */
  public static TracedSpace trace(NasModule model, TensorShape... inputs) {
    requireModelWrapper(model);
    if (inputs.length == 0) {
      throw new SpaceException("tracing " + model.getClass().getSimpleName() + " needs the shape of each input, such as TensorShape.batchOf(1, 28, 28)");
    }
    SpaceInfo info = SpaceWalker.walk(model);
    Decisions fixed = model.fixedDecisions;
    List<Decisions> assignments = fixed != null ? List.of(fixed) : ShapeCheck.assignments(info.choices(), info.contexts());
    Graph graph = Trace.traceRoot(model, info, fixed, assignments, List.of(inputs));
    if (fixed != null) {
      graph = graph.withoutDeadNodes(); // as Mutators.freeze does, so both engines give one graph
    }
    return new TracedSpace(graph, SearchSpace.of(graph));
  }

  static void requireModelWrapper(NasModule model) {
    if (model == null) {
      throw new SpaceException("cannot trace a null model");
    }
    if (!model.getClass().isAnnotationPresent(ModelWrapper.class)) {
      throw new SpaceException(model.getClass().getName() + " is not annotated @ModelWrapper; mark the root class "
          + "of a model space with it (submodules need no annotation)");
    }
  }
}
