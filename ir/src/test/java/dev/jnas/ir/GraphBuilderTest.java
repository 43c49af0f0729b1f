package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.op.AddOp;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.DropoutOp;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.LinearOp;
import dev.jnas.ir.op.Reduction;
import dev.jnas.ir.op.ReluOp;
import dev.jnas.ir.op.RepeatOp;
import dev.jnas.ir.text.IrParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {
  private static final TensorShape VECTOR = TensorShape.of(TensorShape.UNKNOWN, 4);

  private static Graph.Builder vectorGraph() {
    return Graph.builder("G").input("x", VECTOR);
  }

  private static IrException fails(Runnable build) {
    return assertThrows(IrException.class, build::run);
  }

  @Test
  void builtGraphEqualsTheParsedGoldenAndPrintsIt() {
    Graph.Builder g = Graph.builder("ModelSpace").input("x", TensorShape.of(TensorShape.UNKNOWN, 1, 28, 28));
    Graph golden = IrParser.parse(Goldens.text("tutorial-net"));
    for (Node node : golden.nodes()) {
      g.node(node.name(), node.op(), node.inputs());
    }
    Graph built = g.output("log_softmax").build();
    assertEquals(golden, built);
    assertEquals(Goldens.text("tutorial-net"), built.toString());
  }

  @Test
  void aBuilderBuildsOnce() {
    Graph.Builder g = vectorGraph().output("x");
    g.build();
    assertThrows(IllegalStateException.class, g::build);
    assertThrows(IllegalStateException.class, () -> g.node("y", new ReluOp(), "x"));
  }

  @Test
  void namesMustBeUniqueAndValid() {
    assertTrue(fails(() -> {
      Graph.Builder g = vectorGraph();
      g.node("y", new ReluOp(), "x");
      g.node("y", new ReluOp(), "y");
      g.output("y").build();
    }).getMessage().contains("y: name is already defined"));
    IrException shadow = fails(() -> {
      Graph.Builder g = vectorGraph();
      g.node("x", new ReluOp(), "x");
      g.output("x").build();
    });
    assertTrue(shadow.getMessage().contains("x: name is already defined in graph G"), shadow.getMessage());
    for (String bad : List.of("", "1abc", "a..b", "a-b", "return", "true", "a.")) {
      IrException e = fails(() -> vectorGraph().node(bad, new ReluOp(), "x"));
      assertTrue(e.getMessage().contains("must be a dotted path"), bad + ": " + e.getMessage());
    }
    vectorGraph().node("cells.0.op_1", new ReluOp(), "x"); // index segments are fine
  }

  @Test
  void referencesMustBeDefinedEarlier() {
    IrException later = fails(() -> {
      Graph.Builder g = vectorGraph();
      g.node("a", new ReluOp(), "b");
      g.node("b", new ReluOp(), "x");
      g.output("a").build();
    });
    assertEquals(List.of("a"), later.path());
    assertTrue(later.getMessage().contains("defined after it (nodes must be in topological order)"));
    IrException dangling = fails(() -> {
      Graph.Builder g = vectorGraph();
      g.node("a", new ReluOp(), "nowhere");
      g.output("a").build();
    });
    assertTrue(dangling.getMessage().contains("reads 'nowhere', which is not defined in graph G"));
    assertTrue(fails(() -> vectorGraph().output("nowhere").build()).getMessage().contains("returns 'nowhere'"));
    assertTrue(fails(() -> vectorGraph().build()).getMessage().contains("has no outputs"));
  }

  @Test
  void arityIsChecked() {
    IrException e = fails(() -> {
      Graph.Builder g = vectorGraph();
      g.node("sum", new AddOp(), "x");
      g.output("sum").build();
    });
    assertTrue(e.getMessage().contains("add takes at least 2 inputs, got 1"), e.getMessage());
  }

  @Test
  void shapesAreCheckedWhenInputsHaveShapes() {
    IrException e = fails(() -> {
      Graph.Builder g = vectorGraph();
      g.node("fc", new LinearOp(Expr.of(5), Expr.of(3), Expr.of(true)), "x");
      g.output("fc").build();
    });
    assertEquals(List.of("fc"), e.path());
    assertTrue(e.getMessage().contains("linear expects last dimension 5 (in=5), got input [N, 4]"), e.getMessage());
    // without input shapes (a candidate graph) the same graph builds; its user checks shapes
    Graph.Builder candidate = Graph.builder("C").input("x");
    candidate.node("fc", new LinearOp(Expr.of(5), Expr.of(3), Expr.of(true)), "x");
    candidate.output("fc").build();
  }

  @Test
  void choicesCheckTheirShapeForEveryCandidate() {
    Graph.Builder fine = Graph.builder("Fine").input("x");
    fine.node("fc", new LinearOp(Expr.of(4), Expr.of(4), Expr.of(true)), "x");
    Graph.Builder wrong = Graph.builder("Wrong").input("x");
    wrong.node("fc", new LinearOp(Expr.of(4), Expr.of(8), Expr.of(true)), "x");
    LayerChoiceOp choice = new LayerChoiceOp("mix", List.of(
        new Candidate("0", fine.output("fc").build()), new Candidate("1", wrong.output("fc").build())));
    IrException e = fails(() -> {
      Graph.Builder g = vectorGraph();
      g.node("mix", choice, "x");
      g.node("sum", new AddOp(), "x", "mix");
      g.output("sum").build();
    });
    assertEquals(List.of("sum"), e.path());
    assertTrue(e.getMessage().contains("do not broadcast together"), e.getMessage());
    assertTrue(e.getMessage().contains("mix=1"), e.getMessage());
  }

  @Test
  void choiceOpsValidateThemselves() {
    assertTrue(fails(() -> new LayerChoiceOp("empty", List.of())).getMessage().contains("layer choice 'empty' has no candidates"));
    assertTrue(fails(() -> new InputChoiceOp("pick", -1, Reduction.SUM)).getMessage().contains("at least 1 input"));
    assertTrue(fails(() -> new InputChoiceOp("pick", 2, Reduction.NONE)).getMessage().contains("pick must be from 0 to 1"));
    assertTrue(fails(() -> new InputChoiceOp("pick", InputChoiceOp.ANY, Reduction.NONE)).getMessage().contains("fixed number"));
    assertEquals(7, new InputChoiceOp("pick", InputChoiceOp.ANY, Reduction.SUM).decisions(3).size());
    assertTrue(fails(() -> ChoiceOfValues.of("v")).getMessage().contains("has no candidates"));
    assertTrue(fails(() -> ChoiceOfValues.of("v", 1, 1)).getMessage().contains("lists a candidate twice"));
    Graph block = Graph.builder("B").input("x").output("x").build();
    assertTrue(fails(() -> new RepeatOp(Expr.of(-1), List.of(block))).getMessage().contains("repeat depth -1"));
    assertTrue(fails(() -> new RepeatOp(Expr.ref(ChoiceOfValues.of("d", 1, 3)), List.of(block, block)))
        .getMessage().contains("to 2 (the number of blocks)"));
  }

  @Test
  void inputChoiceWantsAtLeastAsManyCandidatesAsItChooses() {
    IrException e = fails(() -> {
      Graph.Builder g = vectorGraph();
      g.node("pick", new InputChoiceOp("pick", 2, Reduction.SUM), "x");
      g.output("pick").build();
    });
    assertTrue(e.getMessage().contains("inputChoice takes at least 2 inputs, got 1"), e.getMessage());
  }

  @Test
  void frozenMeansNoChoiceLeftAnywhere() {
    Graph.Builder g = vectorGraph();
    g.node("drop", new DropoutOp(Expr.ref(ChoiceOfValues.of("p", 0.1, 0.2))), "x");
    Graph space = g.output("drop").build();
    assertEquals(false, space.isFrozen());
    Graph.Builder f = vectorGraph();
    f.node("drop", new DropoutOp(Expr.of(0.1)), "x");
    assertEquals(true, f.output("drop").build().isFrozen());
  }
}
