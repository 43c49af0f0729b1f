package dev.jnas.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Analysis;
import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.text.IrParser;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.testkit.Golden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TutorialSpaceTest {
  private static final TensorShape MNIST = TensorShape.batchOf(1, 28, 28);

  @Test
  void tracesToThreeChoicesAndEighteenArchitectures() {
    TracedSpace traced = Tracer.trace(new TutorialSpace(), MNIST);
    assertEquals(List.of(
        new Choice("conv2", ChoiceKind.LAYER, List.of(0, 1)),
        new Choice("dropout1.p", ChoiceKind.VALUE, List.of(0.25, 0.5, 0.75)),
        new Choice("feature", ChoiceKind.VALUE, List.of(64, 128, 256))), traced.searchSpace().choices());
    assertEquals(18, traced.searchSpace().size());
    Golden.check("tutorial-space.ir", traced.graph().toString());
    assertEquals(traced.graph(), IrParser.parse(traced.graph().toString()));
  }

  @Test
  void printsTheModuleTreeWithLabels() {
    Golden.check("tutorial-space.txt", new TutorialSpace().toString() + "\n");
  }

  @Test
  void fixedArchitectureTracesToAFrozenNet() {
    TutorialSpace net = FixedArchitecture.instantiate(TutorialSpace::new, Map.of("conv2", 0, "dropout1.p", 0.25, "feature", 128));
    TracedSpace traced = Tracer.trace(net, MNIST);
    assertTrue(traced.graph().isFrozen());
    assertEquals(1, traced.searchSpace().size());
    assertEquals(1_199_882, Analysis.of(traced.graph()).params());
    Golden.check("tutorial-net.ir", traced.graph().toString());
  }

  @Test
  void aCompositeCandidateKeepsItsHierarchicalNames() {
    TutorialSpace net = FixedArchitecture.instantiate(TutorialSpace::new, Map.of("conv2", 1, "dropout1.p", 0.5, "feature", 64));
    var graph = Tracer.trace(net, MNIST).graph();
    assertTrue(graph.node("conv2.depthwise").isPresent(), graph.toString());
    assertTrue(graph.node("conv2.pointwise").isPresent(), graph.toString());
    assertEquals(TensorShape.batchOf(64, 24, 24), Analysis.of(graph).nodes().get("conv2.pointwise").shape());
  }

  @Test
  void fixedArchitectureSamplesAreChecked() {
    assertMentions(assertThrows(SpaceException.class, () -> FixedArchitecture.instantiate(TutorialSpace::new,
        Map.of("conv3", 0))).getMessage(), "the sample names 'conv3', which is not a choice of TutorialSpace",
        "conv2, dropout1.p, feature");
    assertMentions(assertThrows(SpaceException.class, () -> FixedArchitecture.instantiate(TutorialSpace::new,
        Map.of("feature", 512))).getMessage(), "decision 512 for 'feature' is not among its candidates [64, 128, 256]");
    TutorialSpace partial = FixedArchitecture.instantiate(TutorialSpace::new, Map.of("conv2", 0));
    assertMentions(assertThrows(SpaceException.class, () -> Tracer.trace(partial, TensorShape.batchOf(1, 28, 28))).getMessage(),
        "no decision for choice 'dropout1.p'");
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
    }
  }
}
