package dev.jnas.codegen;

import dev.jnas.codegen.SupernetPlan.MaskSpec;
import dev.jnas.codegen.SupernetPlan.Prim;
import dev.jnas.codegen.SupernetPlan.Step;
import dev.jnas.ir.Choice;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated supernet: its source (a block implementing jnas-runtime's {@code SupernetBlock}) and
 * how its choices, paths and weights relate to the space's samples and frozen architectures.
 */
public final class GeneratedSupernet {
  private final GeneratedBlock block;
  private final SupernetPlan plan;

  GeneratedSupernet(GeneratedBlock block, SupernetPlan plan) {
    this.block = block;
    this.plan = plan;
  }

  /** The class to compile (its dependencies name the runtime interface). */
  public GeneratedBlock block() {
    return block;
  }

  /** How many steps (nodes and mixes) the supernet's forward pass has. */
  public int nodes() {
    return plan.steps().size();
  }

  /** The space's choices in the order of the supernet's architecture parameters and path entries. */
  public List<Choice> choices() {
    return plan.choices();
  }

  /**
   * The path that runs {@code sample}'s architecture: each choice's candidate index (0 for a choice
   * the sample leaves out because its architecture does not use it).
   */
  public int[] path(Sample sample) {
    List<Choice> choices = plan.choices();
    int[] path = new int[choices.size()];
    for (int k = 0; k < path.length; k++) {
      Choice c = choices.get(k);
      Object decision = sample.decisions().get(c.label());
      if (decision == null) {
        continue;
      }
      // Samples and candidates hold values normalized alike (Values.normalize), so equal means equal.
      int index = c.candidates().indexOf(decision);
      if (index < 0) {
        throw new IrException("sample " + sample.toJson() + " decides choice '" + c.label() + "' as " + decision
            + ", which is not among its candidates " + c.candidates());
      }
      path[k] = index;
    }
    return path;
  }

  /** The decisions of a path, by label, as a sample of the space holds them. */
  public Map<String, Object> decisions(int[] path) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int k = 0; k < plan.choices().size(); k++) {
      out.put(plan.choices().get(k).label(), plan.choices().get(k).candidates().get(path[k]));
    }
    return out;
  }

  /**
   * Where each parameterised node of the architecture a path runs takes its weights from: the
   * supernet's child block, sliced as {@link SharedWeights} says.
   */
  public List<SharedWeights> layout(int[] path) {
    List<SharedWeights> out = new ArrayList<>();
    for (Step step : plan.steps()) {
      if (!(step instanceof Prim p) || p.shares() != null || !p.guards().stream().allMatch(g -> g.candidates().contains(path[g.choice()]))) {
        continue;
      }
      String child = p.branch() < 0 ? p.name() : p.name() + ".v" + path[p.branch()];
      MaskSpec output = plan.masks().get(p.name());
      MaskSpec input = p.inputs().isEmpty() ? null : plan.masks().get(p.inputs().get(0));
      int groups = p.op().attributes().containsKey("groups") ? (Integer) p.op().attributes().get("groups").evaluate(plan.base()) : 1;
      int kernel = 0;
      if (p.kernel() >= 0) {
        Choice choice = plan.choices().get(p.kernel());
        kernel = (Integer) p.op().attributes().get("kernel").evaluate(plan.base().with(choice.label(),
            choice.candidates().get(path[p.kernel()])));
      }
      out.add(new SharedWeights(p.frozenName(), child, output == null ? null : output.alive(path),
          input == null || groups != 1 ? null : input.alive(path), kernel));
    }
    return out;
  }

  /**
   * A frozen architecture's node {@code frozenNode} holds the supernet child {@code supernetChild}'s
   * weights, sliced: rows {@code outputs} and columns {@code inputs} (null: all), and of a
   * convolution's taps the centred {@code kernel} x {@code kernel} (0: all).
   */
  public record SharedWeights(String frozenNode, String supernetChild, int[] outputs, int[] inputs, int kernel) {}
}
