package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.DropoutOp;
import dev.jnas.ir.op.IdentityOp;
import dev.jnas.ir.op.ReluOp;
import dev.jnas.ir.op.RepeatOp;
import dev.jnas.ir.text.IrParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
  @Test
  void tutorialSpaceSpansEighteenArchitectures() {
    SearchSpace space = SearchSpace.of(IrParser.parse(Goldens.text("tutorial-space")));
    assertEquals(18, space.size());
    assertEquals(3, space.choices().size());
    assertTrue(space.toString().startsWith("18 architectures"));
  }

  @Test
  void architecturesAreTheDistinctCanonicalSamples() {
    Graph every = IrParser.parse(Goldens.text("every-choice"));
    List<Sample> all = SearchSpace.architectures(every, 10_000);
    assertEquals(SearchSpace.of(every).size(), all.size());
    assertEquals(all.size(), new java.util.HashSet<>(all).size());
    for (Sample s : all.subList(0, 50)) {
      assertEquals(s, Sample.canonical(every, s.decisions()));
      assertEquals(List.copyOf(Sample.canonical(every, s.decisions()).decisions().keySet()), List.copyOf(s.decisions().keySet()));
    }
    assertEquals(7, SearchSpace.architectures(every, 7).size());
  }

  @Test
  void choicesInsideUnchosenCandidatesDoNotMultiply() {
    // branch: candidate 1 alone holds branch.1.kernel (2 values), so branch spans 1 + 2 + 1 = 4;
    // width 2 x act 3 x blocks 3 x kernel 2 x branch 4 x merge 3 x pick 2 x joined 1 x head 2
    SearchSpace space = SearchSpace.of(IrParser.parse(Goldens.text("every-choice")));
    assertEquals(2 * 3 * 3 * 2 * 4 * 3 * 2 * 2, space.size());
  }

  @Test
  void choicesOnlyInDeeperRepeatBlocksCountOnlyWhenReached() {
    ChoiceOfValues p = ChoiceOfValues.of("p", 0.1, 0.2, 0.3);
    Graph.Builder shallow = Graph.builder("Plain").input("x");
    Graph plain = shallow.output(shallow.node("id", new IdentityOp(), "x")).build();
    Graph.Builder deep = Graph.builder("Drop").input("x");
    Graph drop = deep.output(deep.node("drop", new DropoutOp(Expr.ref(p)), "x")).build();
    Graph.Builder g = Graph.builder("G").input("x", TensorShape.batchOf(4));
    g.node("r", new RepeatOp(Expr.ref(ChoiceOfValues.of("depth", 1, 2)), List.of(plain, drop)), "x");
    SearchSpace space = SearchSpace.of(g.output("r").build());
    assertEquals(1 + 3, space.size()); // depth 1: one architecture; depth 2: p matters
  }

  @Test
  void hugeSpacesAreCountedExactly() {
    Graph.Builder g = Graph.builder("Huge").input("x", TensorShape.batchOf(4));
    String x = "x";
    for (int i = 0; i < 100; i++) {
      x = g.node("d" + i, new DropoutOp(Expr.ref(ChoiceOfValues.of("p" + i, 0.1, 0.2))), x);
    }
    SearchSpace space = SearchSpace.of(g.output(x).withoutShapeCheck().build());
    assertEquals(java.math.BigInteger.TWO.pow(100), space.count());
    assertEquals(Long.MAX_VALUE, space.size());
    assertTrue(space.toString().startsWith("1.27e+30 architectures"), space.toString());
  }

  @Test
  void aDeepGraphIsCountedWithoutRecursingPerNode() {
    // Regression: the count recursed once per node, so 4,000 convolutions overflowed the stack.
    Graph.Builder g = Graph.builder("Deep").input("x", TensorShape.batchOf(4));
    String last = "x";
    for (int i = 0; i < 50_000; i++) {
      last = g.node("relu" + i, new ReluOp(), last);
    }
    Graph deep = g.output(last).withoutShapeCheck().build();
    assertEquals(1, SearchSpace.of(deep).size());
    assertEquals(List.of(Sample.of(java.util.Map.of())), SearchSpace.architectures(deep, 10));
  }
}
