package dev.jnas.mutators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Node;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.GeluOp;
import dev.jnas.ir.op.Op;
import dev.jnas.ir.op.OpRegistry;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.ReluOp;
import dev.jnas.nn.FixedArchitecture;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.PlaceholderSpace;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.testkit.Golden;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom mutators and placeholders: widening the space, filling placeholders, one decision per label. */
class CustomMutatorsTest {
  private static final TensorShape IMAGE = TensorShape.batchOf(1, 8, 8);
  private static final Graph SPACE = Tracer.trace(new PlaceholderSpace(), IMAGE).graph();
  private static final Graph TUTORIAL = Tracer.trace(new TutorialSpace(), TensorShape.batchOf(1, 28, 28)).graph();

  /** Fills the stem with a 3x3 or 1x1 convolution, reading its channels from the placeholder. */
  static final Mutator STEM = new PlaceholderMutator("stem").candidate("conv3", p -> conv(p, 3)).candidate("conv1", p -> conv(p, 1));
  static final Mutator ACT = new PlaceholderMutator("act").candidate("relu", p -> new ReluOp()).candidate("gelu", p -> new GeluOp());
  static final List<Mutator> BOTH = List.of(STEM, ACT);

  static Op conv(PlaceholderOp p, int kernel) {
    return OpRegistry.create("conv2d", Map.of("in", Expr.of(p.info().get("in")), "out", Expr.of(p.dims().orElseThrow().get(0)),
        "kernel", Expr.of(kernel), "padding", Expr.of(kernel / 2)));
  }

  @Test
  void customChoicesJoinTheSpaceAfterTheModels() {
    SearchSpace widened = Mutators.dryRun(SPACE, BOTH);
    assertEquals(List.of(new Choice("branch", ChoiceKind.LAYER, List.of(0, 1)), new Choice("hidden", ChoiceKind.VALUE, List.of(8, 16)),
        new Choice("stem", ChoiceKind.LAYER, List.of("conv3", "conv1")), new Choice("act", ChoiceKind.LAYER, List.of("relu", "gelu"))),
        widened.choices());
    assertEquals(16, widened.size(), "4 architectures of the model times 2 stems times 2 activations");
    List<Sample> all = Mutators.architectures(SPACE, 100, BOTH);
    assertEquals(16, all.size());
    assertEquals(16, new HashSet<>(all).size());
    assertEquals(Sample.of(orderedMap("branch", 0, "hidden", 8, "stem", "conv3", "act", "relu")), all.get(0));
    assertEquals(Sample.of(orderedMap("branch", 0, "hidden", 8, "stem", "conv3", "act", "gelu")), all.get(1));
    assertEquals(all.subList(0, 5), Mutators.architectures(SPACE, 5, BOTH));
    for (Sample s : all) {
      assertEquals(s, Mutators.sample(SPACE, s.decisions(), BOTH));
      assertTrue(Mutators.freeze(SPACE, s, BOTH).isFrozen(), s.toString());
    }
  }

  @Test
  void aPlaceholderMutatorFillsEveryPlaceholderOfItsLabelNestedOnesIncluded() {
    Sample sample = Mutators.sample(SPACE, Map.of("branch", 1, "hidden", 16, "stem", "conv1", "act", "gelu"), BOTH);
    Golden.check("placeholder-space.ir", SPACE.toString());
    Graph filled = STEM.apply(ACT.apply(SPACE, sample), sample);
    Golden.check("placeholder-space-filled.ir", filled.toString());
    assertFalse(filled.toString().contains("placeholder("), filled.toString());
    Graph frozen = Mutators.freeze(SPACE, sample, BOTH);
    Golden.check("placeholder-space-frozen.ir", frozen.toString());
    assertEquals(List.of("stem", "act", "branch.conv", "branch.act"), frozen.nodes().stream().map(Node::name).toList().subList(0, 4));
    assertTrue(frozen.toString().contains("  branch.act = gelu(branch.conv)\n"), frozen.toString());
    assertTrue(frozen.toString().contains("  stem = conv2d(x, in=1, out=4, kernel=1,"), frozen.toString());
  }

  @Test
  void theFixedArchitecturesTraceWithTheSameMutatorsFreezesToTheSameGraph() {
    for (Sample sample : Mutators.architectures(SPACE, 100, BOTH)) {
      Map<String, Object> own = new LinkedHashMap<>(sample.decisions());
      Mutators.customChoices(SPACE, BOTH).forEach(c -> own.remove(c.label()));
      Graph fixed = Tracer.trace(FixedArchitecture.instantiate(PlaceholderSpace::new, own), IMAGE).graph();
      assertEquals(Mutators.freeze(SPACE, sample, BOTH), Mutators.freeze(fixed, sample, BOTH), sample.toString());
    }
  }

  @Test
  void aPlaceholderNoMutatorFillsIsNamedAtTheDryRunAndWhenFreezing() {
    IrException none = assertThrows(IrException.class, () -> Mutators.dryRun(SPACE));
    assertEquals(List.of("stem"), none.path());
    assertTrue(none.getMessage().contains("placeholder 'stem' is still there after the custom mutators (none were given): no custom"
        + " mutator declares a choice 'stem'; pass one that replaces it, such as new PlaceholderMutator(\"stem\").candidate(...)"),
        none.getMessage());
    IrException act = assertThrows(IrException.class, () -> Mutators.dryRun(SPACE, List.of(STEM)));
    assertTrue(act.getMessage().startsWith("act: placeholder 'act' is still there after the custom mutators (given PlaceholderMutator)"),
        act.getMessage());
    Sample sample = Sample.of(Map.of("branch", 0, "hidden", 8, "stem", "conv1"));
    IrException frozen = assertThrows(IrException.class, () -> Mutators.freeze(SPACE, sample, List.of(STEM)));
    assertTrue(frozen.getMessage().contains("placeholder 'act' is still there"), frozen.getMessage());
  }

  @Test
  void aMutatorThatMissesNestedPlaceholdersIsNamed() {
    IrException e = assertThrows(IrException.class, () -> Mutators.dryRun(SPACE, List.of(STEM, new TopLevelOnly())));
    assertEquals(List.of("branch", "1", "act"), e.path());
    assertTrue(e.getMessage().contains("TopLevelOnly declares the choice 'act' but left the placeholder; its apply must replace every"
        + " placeholder labelled 'act', nested ones included"), e.getMessage());
  }

  @Test
  void aCustomLabelThatIsAModelLabelIsRefusedNamingBoth() {
    Mutator clash = new PlaceholderFree("conv2");
    IrException e = assertThrows(IrException.class, () -> Mutators.dryRun(TUTORIAL, List.of(clash)));
    assertEquals("label 'conv2' is used twice: by the model's layer choice 'conv2' [0, 1] and by custom mutator PlaceholderFree's"
        + " layer choice 'conv2' [\"a\", \"b\"]; labels must be unique across the model and the custom mutators, so rename one", e.getMessage());
  }

  /** Regression: the clash used to pass the dry run and fail sampling with "the sample has no decision for 'conv2'". */
  @Test
  void aClashIsNoLongerReportedAsAMissingDecision() {
    Mutator clash = new PlaceholderFree("conv2");
    IrException e = assertThrows(IrException.class,
        () -> Mutators.sample(TUTORIAL, Map.of("conv2", "a", "dropout1.p", 0.5, "feature", 64), List.of(clash)));
    assertFalse(e.getMessage().contains("has no decision"), e.getMessage());
    assertTrue(e.getMessage().startsWith("label 'conv2' is used twice: by the model's layer choice 'conv2' [0, 1]"), e.getMessage());
  }

  @Test
  void twoMutatorsWithOneLabelAreRefusedNamingBoth() {
    IrException e = assertThrows(IrException.class, () -> Mutators.dryRun(SPACE, List.of(STEM, ACT, new PlaceholderFree("act"))));
    assertEquals("label 'act' is used twice: by custom mutator PlaceholderMutator's layer choice 'act' [\"relu\", \"gelu\"] and by"
        + " custom mutator PlaceholderFree's layer choice 'act' [\"a\", \"b\"]; labels must be unique across the model and the custom"
        + " mutators, so rename one", e.getMessage());
  }

  @Test
  void aPlaceholderMutatorRefusesADecisionItDoesNotKnow() {
    Sample sample = Sample.of(Map.of("branch", 0, "hidden", 8, "stem", "conv5", "act", "relu"));
    IrException e = assertThrows(IrException.class, () -> Mutators.freeze(SPACE, sample, BOTH));
    assertEquals("stem: decision \"conv5\" for 'stem' is not among the PlaceholderMutator's candidates [\"conv3\", \"conv1\"]", e.getMessage());
    IrException sampled = assertThrows(IrException.class,
        () -> Mutators.sample(SPACE, Map.of("branch", 0, "hidden", 8, "stem", "conv3"), BOTH));
    assertEquals("the sample has no decision for 'act', a custom mutator's layer choice 'act' [\"relu\", \"gelu\"]; custom choices are"
        + " in every sample", sampled.getMessage());
  }

  private static Map<String, Object> orderedMap(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  /** Declares one choice and changes nothing: enough to test labels. */
  static final class PlaceholderFree implements Mutator {
    private final String label;

    PlaceholderFree(String label) {
      this.label = label;
    }

    @Override
    public List<Choice> choices(Graph graph) {
      return List.of(new Choice(label, ChoiceKind.LAYER, List.of("a", "b")));
    }

    @Override
    public Graph apply(Graph graph, Sample sample) {
      return graph;
    }
  }

  /** Fills only the placeholders at the top level, as a naive mutator might: the nested one stays. */
  static final class TopLevelOnly implements Mutator {
    @Override
    public List<Choice> choices(Graph graph) {
      return List.of(new Choice("act", ChoiceKind.LAYER, List.of("relu")));
    }

    @Override
    public Graph apply(Graph graph, Sample sample) {
      Graph.Builder builder = Graph.builder(graph.name()).withoutShapeCheck();
      for (GraphInput input : graph.inputs()) {
        builder.input(input);
      }
      for (Node node : graph.nodes()) {
        boolean act = node.op() instanceof PlaceholderOp p && p.label().equals("act");
        builder.node(node.name(), act ? new ReluOp() : node.op(), node.inputs());
      }
      return builder.output(graph.outputs().toArray(String[]::new)).build();
    }
  }
}
