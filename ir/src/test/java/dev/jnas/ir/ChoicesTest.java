package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.text.IrParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChoicesTest {
  @Test
  void tutorialSpaceHasThreeChoicesAndEighteenArchitectures() {
    Graph space = IrParser.parse(Goldens.text("tutorial-space"));
    assertFalse(space.isFrozen());
    assertEquals(List.of(
        new Choice("conv2", ChoiceKind.LAYER, List.of(0, 1)),
        new Choice("dropout1.p", ChoiceKind.VALUE, List.of(0.25, 0.5, 0.75)),
        new Choice("feature", ChoiceKind.VALUE, List.of(64, 128, 256))), space.choices());
    assertEquals(18, ShapeCheck.assignments(space.choices()).size());
  }

  @Test
  void everyChoiceKindIsListedOnceInOrderOfFirstUse() {
    Graph space = IrParser.parse(Goldens.text("every-choice"));
    List<String> labels = space.choices().stream().map(Choice::label).toList();
    assertEquals(List.of("width", "act", "blocks", "kernel", "branch", "branch.1.kernel", "merge", "pick", "joined", "head"), labels);
    Map<String, ChoiceKind> kinds = new java.util.HashMap<>();
    space.choices().forEach(c -> kinds.put(c.label(), c.kind()));
    assertEquals(ChoiceKind.LAYER, kinds.get("act"));
    assertEquals(ChoiceKind.REPEAT, kinds.get("blocks"));
    assertEquals(ChoiceKind.INPUT, kinds.get("merge"));
    assertEquals(ChoiceKind.VALUE, kinds.get("head"));
    Choice merge = space.choices().get(labels.indexOf("merge"));
    assertEquals(List.of(List.of(0, 1), List.of(0, 2), List.of(1, 2)), merge.candidates());
    Choice act = space.choices().get(labels.indexOf("act"));
    assertEquals(List.of("relu", "swish", "gelu"), act.candidates());
  }

  @Test
  void frozenGraphsHaveNoChoices() {
    Graph net = IrParser.parse(Goldens.text("tutorial-net"));
    assertTrue(net.isFrozen());
    assertTrue(net.choices().isEmpty());
  }

  @Test
  void oneLabelWithTwoCandidateListsIsAnErrorNamingBothPlaces() {
    String text = Goldens.text("tutorial-net")
        .replace("out=128", "out=choice(\"feature\", [64, 128])")
        .replace("in=128", "in=choice(\"feature\", [64, 256])");
    IrException e = assertThrows(IrException.class, () -> IrParser.parse(text));
    assertTrue(e.getMessage().contains("label 'feature' is used for two different choices"), e.getMessage());
    assertTrue(e.getMessage().contains("at fc1"), e.getMessage());
    assertTrue(e.getMessage().contains("[64, 256]"), e.getMessage());
  }

  @Test
  void everyCandidateIsShapeCheckedAndTheFailingDecisionsAreNamed() {
    String bad = Goldens.text("tutorial-space").replace("pointwise = conv2d(depthwise, in=32, out=64", "pointwise = conv2d(depthwise, in=32, out=48");
    IrException e = assertThrows(IrException.class, () -> IrParser.parse(bad));
    // out=48 is a valid convolution: it is fc1, downstream, that cannot take the narrower candidate
    assertTrue(e.getMessage().contains("fc1: linear expects last dimension 9216 (in=9216), got input [N, 6912]"), e.getMessage());
    assertTrue(e.getMessage().contains("conv2=1"), e.getMessage());
  }

  @Test
  void largeSpacesCheckEveryCandidateOnce() {
    List<Choice> choices = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      choices.add(new Choice("c" + i, ChoiceKind.VALUE, List.of(1, 2, 3, 4)));
    }
    List<Decisions> tried = ShapeCheck.assignments(choices); // 4^8 = 65,536 > limit
    assertEquals(1 + 8 * 3, tried.size());
    for (Choice c : choices) {
      for (Object candidate : c.candidates()) {
        assertTrue(tried.stream().anyMatch(d -> d.get(c.label()).equals(candidate)));
      }
    }
  }
}
