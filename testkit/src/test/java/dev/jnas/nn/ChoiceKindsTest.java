package dev.jnas.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Analysis;
import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Node;
import dev.jnas.ir.ShapeCheck;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.op.RepeatOp;
import dev.jnas.nn.spaces.TestSpaces.Darts;
import dev.jnas.nn.spaces.TestSpaces.Expressions;
import dev.jnas.nn.spaces.TestSpaces.Inputs;
import dev.jnas.nn.spaces.TestSpaces.LooseEnds;
import dev.jnas.nn.spaces.TestSpaces.Nested;
import dev.jnas.nn.spaces.TestSpaces.Repeats;
import dev.jnas.nn.spaces.TestSpaces.Shared;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChoiceKindsTest {
  private static final TensorShape IMAGE = TensorShape.batchOf(8, 16, 16);

  private static List<String> labels(TracedSpace t) {
    return t.searchSpace().choices().stream().map(Choice::label).toList();
  }

  private static List<String> nodeNames(Graph g) {
    return g.nodes().stream().map(Node::name).toList();
  }

  @Test
  void nestedChoicesAreLabelledByPathAndCountOnlyWhenReached() {
    TracedSpace t = Tracer.trace(new Nested(), IMAGE);
    assertEquals(List.of("outer", "outer.1.conv.kernel", "pad", "outer.1.inner"), labels(t));
    // identity: 1; inner: kernel 2 x pad 2 x inner 2 = 8 (kernel 3 without padding shrinks the image, still valid)
    assertEquals(1 + 8, t.searchSpace().size());
    Graph fixed = Tracer.trace(FixedArchitecture.instantiate(Nested::new,
        Map.of("outer", 1, "outer.1.conv.kernel", 3, "pad", 1, "outer.1.inner", 0)), IMAGE).graph();
    assertEquals(List.of("outer.conv", "outer.inner"), nodeNames(fixed));
    assertTrue(fixed.isFrozen());
    Graph skip = Tracer.trace(FixedArchitecture.instantiate(Nested::new, Map.of("outer", 0)), IMAGE).graph();
    assertEquals("graph Nested(x: [N, 8, 16, 16]) {\n  outer = identity(x)\n  return outer\n}\n", skip.toString());
  }


  @Test
  void oneObjectOrOneLabelIsOneDecision() {
    TracedSpace t = Tracer.trace(new Shared(), IMAGE);
    assertEquals(List.of("width", "p"), labels(t));
    assertEquals(4, t.searchSpace().size());
    Graph g = Tracer.trace(FixedArchitecture.instantiate(Shared::new, Map.of("width", 4, "p", 0.2)), IMAGE).graph();
    assertEquals(TensorShape.batchOf(4, 16, 16), Analysis.of(g).nodes().get("a").shape());
    assertTrue(g.toString().contains("d2 = dropout(d1, p=0.2)"), g.toString());
  }


  @Test
  void expressionsResolveInEveryArchitecture() {
    TracedSpace t = Tracer.trace(new Expressions(), IMAGE);
    assertEquals(4, t.searchSpace().size());
    String text = t.graph().toString();
    assertTrue(text.contains("out=choice(\"w\", [8, 16]) * 2 - choice(\"w\", [8, 16]) + 0"), text);
    assertTrue(text.contains("p=if(choice(\"w\", [8, 16]) > 8, choice(\"w\", [8, 16]) / 32, max(0.1, 0.2))"), text);
    for (Decisions d : ShapeCheck.assignments(t.searchSpace().choices())) {
      assertEquals(TensorShape.batchOf(8, 16, 16), Analysis.of(t.graph(), d).outputs().get(0), d.toString());
    }
    Graph fixed = Tracer.trace(FixedArchitecture.instantiate(Expressions::new,
        Map.of("w", 16, "cfg", Map.of("k", 3, "pad", 1))), IMAGE).graph();
    assertTrue(fixed.isFrozen());
    String frozen = fixed.toString();
    assertTrue(frozen.contains("conv = conv2d(x, in=8, out=16, kernel=3, stride=1, padding=1"), frozen);
    assertTrue(frozen.contains("groups=2"), frozen);
    assertTrue(frozen.contains("drop = dropout(back, p=0.5)"), frozen);
  }


  @Test
  void inputChoicesWithEveryReduction() {
    TracedSpace t = Tracer.trace(new Inputs(), IMAGE);
    assertEquals(List.of(ChoiceKind.INPUT, ChoiceKind.INPUT, ChoiceKind.INPUT, ChoiceKind.INPUT),
        t.searchSpace().choices().stream().map(Choice::kind).toList());
    assertEquals(List.of(List.of(0, 1), List.of(0, 2), List.of(1, 2)), t.searchSpace().choices().get(0).candidates());
    assertEquals(3 * 1 * 1 * 2, t.searchSpace().size());
    Graph fixed = Tracer.trace(FixedArchitecture.instantiate(Inputs::new,
        Map.of("sum", List.of(1, 2), "mean", List.of(0, 1, 2), "concat", List.of(0, 1), "none", List.of(0))), IMAGE).graph();
    String text = fixed.toString();
    assertTrue(text.contains("sum = add(a, b)"), text);
    assertTrue(text.contains("mean = average(x, a, sum)"), text);
    assertTrue(text.contains("concat = cat(mean, sum, dim=1)"), text);
    assertTrue(text.contains("none = identity(concat)"), text);
    assertTrue(!text.contains("cat = cat(a, b"), "the unpicked branch is dropped: " + text);
    assertEquals(TensorShape.batchOf(16, 16, 16), Analysis.of(fixed).outputs().get(0));
  }


  @Test
  void repeatsWithDepthChoices() {
    TracedSpace t = Tracer.trace(new Repeats(), IMAGE);
    assertEquals(List.of(new Choice("same", ChoiceKind.REPEAT, List.of(0, 1, 2)),
        new Choice("depth", ChoiceKind.REPEAT, List.of(1, 2, 3))), t.searchSpace().choices());
    assertEquals(9, t.searchSpace().size());
    var repeat = (RepeatOp) t.graph().node("same").orElseThrow().op();
    assertEquals(1, repeat.blocks().size(), "one block module is one block graph, copied");
    var made = (RepeatOp) t.graph().node("made").orElseThrow().op();
    assertEquals(3, made.blocks().size(), "a factory gives each position its own block");
    Graph fixed = Tracer.trace(FixedArchitecture.instantiate(Repeats::new, Map.of("same", 2, "depth", 1)), IMAGE).graph();
    assertEquals(List.of("same.0.conv", "same.0.relu", "same.1.conv", "same.1.relu", "made.0"), nodeNames(fixed));
    assertEquals(2 * (8 * 8 * 9 + 8) + 8 * 8 + 8, Analysis.of(fixed).params());
    Graph none = Tracer.trace(FixedArchitecture.instantiate(Repeats::new, Map.of("same", 0, "depth", 2)), IMAGE).graph();
    assertEquals(List.of("same", "made.0", "made.1"), nodeNames(none));
  }


  @Test
  void aCellIsLayerAndInputChoicesLabelledLikeNni() {
    TracedSpace t = Tracer.trace(new Darts(), IMAGE);
    assertEquals(List.of("cell.input_2_0", "cell.op_2_0", "cell.input_2_1", "cell.op_2_1",
        "cell.input_3_0", "cell.op_3_0", "cell.input_3_1", "cell.op_3_1"), labels(t));
    // node 2: (2 inputs x 3 ops)^2; node 3: (3 inputs x 3 ops)^2
    assertEquals(36L * 81, t.searchSpace().size());
    assertEquals(TensorShape.batchOf(16, 16, 16), Analysis.of(t.graph(), Decisions.of(Map.of(
        "cell.input_2_0", List.of(0), "cell.op_2_0", "conv", "cell.input_2_1", List.of(1), "cell.op_2_1", "skip",
        "cell.input_3_0", List.of(2), "cell.op_3_0", "pool", "cell.input_3_1", List.of(0), "cell.op_3_1", "conv"))).outputs().get(0));
    assertFalse(t.graph().isFrozen());
  }

  @Test
  void aLooseEndCellFeedsALazyLayer() {
    TracedSpace t = Tracer.trace(new LooseEnds(), IMAGE);
    // node 2: 2 inputs x 3 ops; node 3: 3 x 3; node 4: 4 x 3
    assertEquals(6L * 9 * 12, t.searchSpace().size());
    String text = t.graph().toString();
    assertTrue(text.contains("loose_end = looseEnd(cell.op_2_0, cell.op_3_0, cell.op_4_0, labels=[\"cell.input_2_0\", \"cell.input_3_0\", \"cell.input_4_0\"], offset=2)"), text);
    assertTrue(text.contains("head = conv2d(loose_end, in=\"auto\", out=8"), text);
    Map<String, Object> chain = new java.util.LinkedHashMap<>(Map.of("cell.input_2_0", List.of(0), "cell.op_2_0", "conv",
        "cell.input_3_0", List.of(2), "cell.op_3_0", "pool", "cell.input_4_0", List.of(3), "cell.op_4_0", "skip"));
    Graph fixed = Tracer.trace(FixedArchitecture.instantiate(LooseEnds::new, chain), IMAGE).graph();
    assertTrue(fixed.toString().contains("loose_end = identity(cell.op_4_0)"), fixed.toString());
    assertEquals(8 * 8 + 8, Analysis.of(fixed).nodes().get("head").params());
    chain.put("cell.input_4_0", List.of(1));
    Graph wide = Tracer.trace(FixedArchitecture.instantiate(LooseEnds::new, chain), IMAGE).graph();
    assertTrue(wide.toString().contains("loose_end = cat(cell.op_3_0, cell.op_4_0, dim=1)"), wide.toString());
    assertEquals(16 * 8 + 8, Analysis.of(wide).nodes().get("head").params());
  }
}
