package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnas.ir.op.LayerChoice;
import dev.jnas.ir.text.IrParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlinerTest {
  private static Graph inlineCandidate(int index) {
    Graph space = IrParser.parse(Goldens.text("tutorial-space"));
    Graph.Builder g = Graph.builder("G").input("x", Shape.batchOf(32, 26, 26));
    LayerChoice conv2 = (LayerChoice) space.node("conv2").orElseThrow().op();
    String out = Inliner.inline(g, "conv2", conv2.candidates().get(index).graph(), List.of("x"));
    return g.output(out).build();
  }

  @Test
  void aOneNodeBodyTakesTheReplacedNodesName() {
    Graph g = inlineCandidate(0);
    assertEquals(List.of("conv2"), g.nodes().stream().map(Node::name).toList());
    assertEquals(List.of("conv2"), g.outputs());
  }

  @Test
  void aLongerBodyIsPrefixedWithTheReplacedNodesName() {
    Graph g = inlineCandidate(1);
    assertEquals(List.of("conv2.depthwise", "conv2.pointwise"), g.nodes().stream().map(Node::name).toList());
    assertEquals(List.of("conv2.depthwise"), g.nodes().get(1).inputs());
    assertEquals(Shape.batchOf(64, 24, 24), Analysis.of(g).outputs().get(0));
  }

  @Test
  void aBodyReturningItsInputBecomesAnIdentity() {
    Graph body = Graph.builder("Skip").input("x").output("x").build();
    Graph.Builder g = Graph.builder("G").input("x", Shape.batchOf(3));
    Graph out = g.output(Inliner.inline(g, "skip", body, List.of("x"))).build();
    assertEquals("graph G(x: [N, 3]) {\n  skip = identity(x)\n  return skip\n}\n", out.toString());
  }
}
