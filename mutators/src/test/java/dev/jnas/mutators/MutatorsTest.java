package dev.jnas.mutators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.EveryChoiceSpace;
import dev.jnas.nn.spaces.TestSpaces;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.testkit.Golden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MutatorsTest {
  private static final Graph TUTORIAL = Tracer.trace(new TutorialSpace(), TensorShape.batchOf(1, 28, 28)).graph();
  private static final Graph EVERY = Tracer.trace(new EveryChoiceSpace(), TensorShape.batchOf(3, 32, 32)).graph();
  private static final Sample SEPARABLE = Sample.of(Map.of("conv2", 1, "dropout1.p", 0.5, "feature", 256));

  @Test
  void eachBuiltInDeclaresTheChoicesOfItsKind() {
    assertEquals(List.of("conv2"), Mutators.LAYER.choices(TUTORIAL).stream().map(Choice::label).toList());
    assertEquals(List.of("dropout1.p", "feature"), Mutators.VALUE.choices(TUTORIAL).stream().map(Choice::label).toList());
    assertEquals(List.of("merge", "pick", "joined"), Mutators.INPUT.choices(EVERY).stream().map(Choice::label).toList());
    assertEquals(List.of(new Choice("blocks", ChoiceKind.REPEAT, List.of(1, 2, 3))), Mutators.REPEAT.choices(EVERY));
  }

  @Test
  void eachMutatorBuildsANewGraphAndLeavesItsInputAlone() {
    String before = TUTORIAL.toString();
    Graph afterLayer = Mutators.LAYER.apply(TUTORIAL, SEPARABLE);
    assertEquals(before, TUTORIAL.toString());
    Golden.check("tutorial-after-layer.ir", afterLayer.toString());
    Graph afterValue = Mutators.VALUE.apply(afterLayer, SEPARABLE);
    Golden.check("tutorial-after-value.ir", afterValue.toString());
    assertTrue(afterValue.isFrozen());
    assertEquals(afterValue, Mutators.freeze(TUTORIAL, SEPARABLE));
  }

  @Test
  void freezingEveryChoiceKind() {
    Map<String, Object> decisions = new java.util.LinkedHashMap<>(Map.of("width", 32, "act", "gelu", "blocks", 2,
        "kernel", 5, "branch", 1, "branch.1.kernel", 3, "merge", List.of(0, 2), "pick", List.of(1), "joined", List.of(0, 1)));
    decisions.put("head", Map.of("p", 0.3, "scale", 2));
    Sample sample = Mutators.sample(EVERY, decisions);
    Golden.check("every-choice-frozen.ir", Mutators.freeze(EVERY, sample).toString());
  }

  @Test
  void theCellMutatorDecidesOnlyACellsChoices() {
    Graph space = Tracer.trace(new TestSpaces.Darts(), TensorShape.batchOf(8, 16, 16)).graph();
    assertEquals(8, Mutators.CELL.choices(space).size());
    Map<String, Object> decisions = new java.util.LinkedHashMap<>();
    space.choices().forEach(c -> decisions.put(c.label(), c.candidates().get(c.candidates().size() - 1)));
    Sample sample = Mutators.sample(space, decisions);
    Graph decided = Mutators.CELL.apply(space, sample);
    assertTrue(decided.isFrozen(), decided.toString());
    assertEquals(Mutators.freeze(space, sample), decided);
    assertEquals(List.of(), Mutators.CELL.choices(TUTORIAL));
  }

  @Test
  void dryRunGivesTheSearchSpace() {
    SearchSpace space = Mutators.dryRun(TUTORIAL);
    assertEquals(18, space.size());
    assertEquals(TUTORIAL.choices(), space.choices());
  }

  @Test
  void undecidedChoicesAreAnError() {
    IrException e = assertThrows(IrException.class, () -> Mutators.freeze(TUTORIAL, Sample.of(Map.of("conv2", 0))));
    assertTrue(e.getMessage().contains("dropout1: no decision for choice 'dropout1.p'"), e.getMessage());
  }
}
