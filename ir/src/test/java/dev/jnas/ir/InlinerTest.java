package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.text.IrParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlinerTest {
  private static Graph inlineCandidate(int index) {
    Graph space = IrParser.parse(Goldens.text("tutorial-space"));
    Graph.Builder g = Graph.builder("G").input("x", TensorShape.batchOf(32, 26, 26));
    LayerChoiceOp conv2 = (LayerChoiceOp) space.node("conv2").orElseThrow().op();
    String out = Inliner.inline(g, "conv2", conv2.candidates().get(index).graph(), List.of("x"));
    return g.output(out).build();
  }

  @Test
  void aLoneLayerNamedSelfTakesTheReplacedNodesName() {
    Graph g = inlineCandidate(0);
    assertEquals(List.of("conv2"), g.nodes().stream().map(Node::name).toList());
    assertEquals(List.of("conv2"), g.outputs());
  }

  @Test
  void aLongerBodyIsPrefixedWithTheReplacedNodesName() {
    Graph g = inlineCandidate(1);
    assertEquals(List.of("conv2.depthwise", "conv2.pointwise"), g.nodes().stream().map(Node::name).toList());
    assertEquals(List.of("conv2.depthwise"), g.nodes().get(1).inputs());
    assertEquals(TensorShape.batchOf(64, 24, 24), Analysis.of(g).outputs().get(0));
  }

  @Test
  void nestedInliningGivesTheSameNamesInEitherOrder() {
    // outer's candidate holds an inner choice whose candidate is a lone layer
    Graph lone = IrParser.parse("graph L(x) {\n  self = relu(x)\n  return self\n}\n");
    Graph.Builder middle = Graph.builder("M").input("x");
    middle.node("inner", new LayerChoiceOp("inner", List.of(new Candidate("0", lone))), "x");
    Graph withChoice = middle.output("inner").build();
    // outer first: outer.inner is a layer choice, then its lone layer takes that name
    Graph.Builder a = Graph.builder("G").input("x", TensorShape.batchOf(3));
    String first = Inliner.inline(a, "outer", withChoice, List.of("x"));
    assertEquals(List.of("outer.inner"), Inliner.names("outer", withChoice));
    assertEquals("outer.inner", first);
    // inner first: the candidate graph holds 'inner' = relu, then outer prefixes it
    Graph.Builder flat = Graph.builder("M").input("x");
    Graph frozenMiddle = flat.output(Inliner.inline(flat, "inner", lone, List.of("x"))).build();
    Graph.Builder b = Graph.builder("G").input("x", TensorShape.batchOf(3));
    assertEquals("outer.inner", Inliner.inline(b, "outer", frozenMiddle, List.of("x")));
    // outer first, finished: the choice outer.inner resolves to its lone layer
    Graph.Builder resolved = Graph.builder("G").input("x", TensorShape.batchOf(3));
    Graph outerFirst = resolved.output(Inliner.inline(resolved, first, lone, List.of("x"))).build();
    assertEquals(outerFirst, b.output("outer.inner").build());
    assertEquals(Inliner.names("outer", withChoice), Inliner.names("outer", frozenMiddle));
  }

  @Test
  void aBodyReturningItsInputBecomesAnIdentity() {
    Graph body = Graph.builder("Skip").input("x").output("x").build();
    Graph.Builder g = Graph.builder("G").input("x", TensorShape.batchOf(3));
    Graph out = g.output(Inliner.inline(g, "skip", body, List.of("x"))).build();
    assertEquals("graph G(x: [N, 3]) {\n  skip = identity(x)\n  return skip\n}\n", out.toString());
  }
}
