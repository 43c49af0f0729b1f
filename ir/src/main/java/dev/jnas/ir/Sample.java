package dev.jnas.ir;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.RepeatOp;
import dev.jnas.ir.text.IrParseException;
import dev.jnas.ir.text.IrParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One architecture of a space: label to decision, holding only the decisions its architecture
 * reaches, in the order it reaches them, so two samples of one architecture are equal. JSON in and
 * out: {@code {"conv2": 1, "dropout1.p": 0.25, "feature": 256}}.
 */
public final class Sample {
  private final Map<String, Object> decisions;

  private Sample(Map<String, Object> decisions) {
    this.decisions = Collections.unmodifiableMap(decisions);
  }

  /** A sample as given, values normalised, not checked against any space. */
  public static Sample of(Map<String, ?> decisions) {
    Map<String, Object> copy = new LinkedHashMap<>();
    decisions.forEach((label, decision) -> {
      if (label == null || decision == null) {
        throw new IrException("a sample cannot hold null (label " + label + ")");
      }
      copy.put(label, Values.normalize(decision));
    });
    return new Sample(copy);
  }

  /**
   * The canonical sample of {@code space} for these decisions: checked (every label one of the
   * space's choices, every decision one of its candidates, every reached choice decided) and
   * reduced to the decisions the architecture reaches.
   */
  public static Sample canonical(Graph space, Map<String, ?> decisions) {
    Sample given = of(decisions);
    Map<String, Choice> choices = new LinkedHashMap<>();
    space.choices().forEach(c -> choices.put(c.label(), c));
    for (Map.Entry<String, Object> entry : given.decisions.entrySet()) {
      Choice choice = choices.get(entry.getKey());
      if (choice == null) {
        throw new IrException("the sample names '" + entry.getKey() + "', which is not a choice of " + space.name()
            + "; its choices are " + String.join(", ", choices.keySet()));
      }
      if (!choice.candidates().contains(entry.getValue())) {
        throw new IrException("decision " + Values.render(entry.getValue()) + " for '" + entry.getKey()
            + "' is not among its candidates " + Values.render(choice.candidates()));
      }
    }
    Map<String, Object> reached = new LinkedHashMap<>();
    walk(space, given.decisions, reached);
    return new Sample(reached);
  }

  private static void walk(Graph graph, Map<String, Object> given, Map<String, Object> reached) {
    for (Node node : graph.nodes()) {
      if (node.op() instanceof PrimitiveOp p) {
        for (Expr e : p.attributes().values()) {
          for (ChoiceOfValues c : e.choices()) {
            take(c.label(), given, reached);
          }
        }
      } else if (node.op() instanceof LayerChoiceOp lc) {
        walk(lc.candidate(take(lc.label(), given, reached)).graph(), given, reached);
      } else if (node.op() instanceof InputChoiceOp ic) {
        take(ic.label(), given, reached);
      } else if (node.op() instanceof RepeatOp r) {
        Map<String, Object> depthDecisions = new LinkedHashMap<>();
        for (ChoiceOfValues c : r.depthChoices()) {
          depthDecisions.put(c.label(), take(c.label(), given, reached));
        }
        int depth = r.depthUnder(Decisions.of(depthDecisions));
        for (int i = 0; i < depth; i++) {
          walk(r.block(i), given, reached);
        }
      }
    }
  }

  private static Object take(String label, Map<String, Object> given, Map<String, Object> reached) {
    Object decision = given.get(label);
    if (decision == null) {
      throw new IrException("the sample has no decision for '" + label + "', which its architecture reaches");
    }
    reached.putIfAbsent(label, decision);
    return decision;
  }

  /** Reads {@code {"label": decision, ...}}; a bad text is an {@link IrParseException}. */
  public static Sample fromJson(String json) {
    Object parsed = IrParser.parseLiteral(json);
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IrParseException(1, 1, "a sample is a JSON object of label to decision, got " + Values.describe(parsed));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> decisions = (Map<String, Object>) map;
    return of(decisions);
  }

  public String toJson() {
    StringBuilder out = new StringBuilder("{");
    decisions.forEach((label, decision) -> out.append(out.length() == 1 ? "" : ", ")
        .append(Values.quote(label)).append(": ").append(Values.render(decision)));
    return out.append('}').toString();
  }

  /** The decisions, in order. */
  public Map<String, Object> decisions() {
    return decisions;
  }

  public Object get(String label) {
    return decisions.get(label);
  }

  /** These decisions as the IR's evaluation context. */
  public Decisions asDecisions() {
    return Decisions.of(decisions);
  }

  /** Equal when the decisions are equal (order aside: a canonical sample's order follows from them). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Sample s && decisions.equals(s.decisions);
  }

  @Override
  public int hashCode() {
    return decisions.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
