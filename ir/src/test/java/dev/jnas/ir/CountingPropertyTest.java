package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.expr.BinaryOperator;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.DropoutOp;
import dev.jnas.ir.op.IdentityOp;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.Reduction;
import dev.jnas.ir.op.ReluOp;
import dev.jnas.ir.op.RepeatOp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact count (which multiplies independent choices) agrees with enumerating the distinct
 * canonical samples, on random spaces of nested layer choices, repeats of chosen depth (also as
 * an expression), input choices and value choices whose labels recur in several places.
 */
class CountingPropertyTest {
  private static final List<ChoiceOfValues> SHARED = List.of(
      ChoiceOfValues.of("p", 0.1, 0.2), ChoiceOfValues.of("q", 0.3, 0.4, 0.5), ChoiceOfValues.of("d", 0, 1, 2));

  private static final int LIMIT = 20_000;

  @Test
  void countEqualsEnumerationOnRandomNestedSpaces() {
    Random random = new Random(42);
    int compared = 0;
    for (int round = 0; round < 300; round++) {
      Graph g = randomGraph(random, "G" + round, 3, new int[] {0});
      List<Sample> all = SearchSpace.architectures(g, LIMIT);
      BigInteger count = SearchSpace.of(g).count();
      if (all.size() == LIMIT) {
        assertTrue(count.compareTo(BigInteger.valueOf(LIMIT)) >= 0, () -> "space:\n" + g);
        continue;
      }
      assertEquals(BigInteger.valueOf(all.size()), count, () -> "space:\n" + g);
      assertEquals(all.size(), new HashSet<>(all).size());
      compared++;
    }
    assertTrue(compared > 250, compared + " spaces compared");
  }

  private static Graph randomGraph(Random random, String name, int depth, int[] labels) {
    Graph.Builder b = Graph.builder(name).input("x").withoutShapeCheck();
    String last = "x";
    int nodes = 1 + random.nextInt(3);
    for (int i = 0; i < nodes; i++) {
      String n = "n" + i;
      int kind = depth == 0 ? random.nextInt(2) : random.nextInt(6);
      switch (kind) {
        case 0 -> last = b.node(n, new ReluOp(), last);
        case 1 -> last = b.node(n, new DropoutOp(valueExpr(random, labels)), last);
        case 2 -> {
          List<Candidate> candidates = new ArrayList<>();
          for (int c = 0; c < 2 + random.nextInt(2); c++) {
            candidates.add(new Candidate(Integer.toString(c), randomGraph(random, name + "c" + c, depth - 1, labels)));
          }
          // Sometimes reuse a label, so one decision governs two places.
          String label = random.nextInt(4) == 0 ? "lc" : "lc" + labels[0]++;
          last = b.node(n, new LayerChoiceOp(label + candidates.size(), candidates), last);
        }
        case 3 -> {
          Expr depthExpr = random.nextBoolean() ? Expr.ref(SHARED.get(2))
              : new Expr.Binary(BinaryOperator.PLUS, Expr.ref(ChoiceOfValues.of("r" + labels[0]++, 0, 1)), Expr.of(1));
          last = b.node(n, new RepeatOp(depthExpr, List.of(randomGraph(random, name + "r", depth - 1, labels))), last);
        }
        case 4 -> {
          String other = b.node(n + "a", new IdentityOp(), last);
          last = b.node(n, new InputChoiceOp("ic" + labels[0]++, 1 + random.nextInt(2), Reduction.SUM), last, other, "x");
        }
        default -> last = b.node(n, new DropoutOp(Expr.ref(ChoiceOfValues.of("v" + labels[0]++, 0.6, 0.7))), last);
      }
    }
    return b.output(last).build();
  }

  private static Expr valueExpr(Random random, int[] labels) {
    return random.nextBoolean() ? Expr.ref(SHARED.get(random.nextInt(2))) : Expr.ref(ChoiceOfValues.of("w" + labels[0]++, 0.25, 0.75));
  }
}
