package dev.jnas.nn;

import static dev.jnas.nn.F.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.ShapeCheck;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.text.IrParser;
import dev.jnas.nn.spaces.TestSpaces.Darts;
import dev.jnas.nn.spaces.TestSpaces;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Large spaces: exact counts without enumeration, and shape checks that reach nested candidates. */
class SpaceScaleTest {
  /** A cell of 3 nodes with 2 ops each over 3 op candidates: (2*3)^2 (3*3)^2 (4*3)^2 = 419,904 architectures. */
  @ModelWrapper
  static class MidCell extends NasModule {
    final Cell cell = new Cell(Darts.ops(), 3, 2, 2, Cell.Merge.ALL);

    @Override public Tensor forward(Tensor x) {
      return cell.forward(x, relu(x));
    }
  }

  /** Eight nodes, four ops each: (k*3)^4 for k = 2..9, about 3.2e+37 architectures. */
  @ModelWrapper
  static class HugeCell extends NasModule {
    final Cell cell = new Cell(Darts.ops(), 8, 4, 2, Cell.Merge.ALL);

    @Override public Tensor forward(Tensor x) {
      return cell.forward(x, relu(x));
    }
  }

  @Test
  void aCellIsCountedExactlyAndAgreesWithEnumeration() {
    assertEquals(BigInteger.valueOf(419_904), Tracer.trace(new MidCell(), TensorShape.batchOf(8, 8, 8)).searchSpace().count());
    // Enumeration, which the count replaces, reaches the same number of distinct samples: (2*3)^2 (3*3)^2.
    TracedSpace small = Tracer.trace(new Darts(), TensorShape.batchOf(8, 8, 8));
    assertEquals(BigInteger.valueOf(2916), small.searchSpace().count());
    assertEquals(2916, new java.util.HashSet<>(SearchSpace.architectures(small.graph(), 10_000)).size());
  }

  @Test
  void inputChoicesOfAnyNumberAndOfSeveralPassedOnCount() {
    TracedSpace traced = Tracer.trace(new TestSpaces.FlexibleInputs(), TensorShape.batchOf(8, 6, 6));
    assertEquals(BigInteger.valueOf(7 * 3), traced.searchSpace().count()); // 7 non-empty subsets of 3, 3 pairs
    String ir = traced.graph().toString();
    assertTrue(ir.contains("two_1 = inputChoice(x, narrow, any, label=\"two\", chosen=2, reduction=\"none\", pick=1)"), ir);
    assertEquals(traced.graph(), IrParser.parse(ir));
  }

  @Test
  void countsBeyondTwentyDigitsAreExact() {
    TracedSpace traced = Tracer.trace(new HugeCell(), TensorShape.batchOf(8, 8, 8));
    BigInteger expected = BigInteger.ONE;
    for (int k = 2; k < 10; k++) {
      expected = expected.multiply(BigInteger.valueOf(3L * k).pow(4));
    }
    assertEquals(expected, traced.searchSpace().count());
    assertTrue(expected.compareTo(BigInteger.TEN.pow(20)) > 0);
    assertTrue(traced.searchSpace().toString().startsWith("3.21e+37 architectures"), traced.searchSpace().toString());
  }

  @Test
  void theCheckTriesEachCandidateOnceNotEveryCombination() {
    TracedSpace traced = Tracer.trace(new HugeCell(), TensorShape.batchOf(8, 8, 8));
    int candidates = traced.searchSpace().choices().stream().mapToInt(c -> c.candidates().size()).sum();
    List<Decisions> tried = ShapeCheck.assignments(traced.searchSpace().choices(), ShapeCheck.contexts(traced.graph()));
    assertTrue(tried.size() <= 1 + candidates, tried.size() + " assignments for " + candidates + " candidates");
  }

  /** 3 x 4^6 = 12,288 combinations, past the exhaustive limit; the bad conv sits under outer's third candidate. */
  @ModelWrapper
  static class BadNestedCandidate extends NasModule {
    final LayerChoice outer = new LayerChoice(new Identity(), new ReLU(), new Inner()).label("outer");
    final ModuleList widths = new ModuleList(
        new Dropout(ValueChoice.of(0.1, 0.2, 0.3, 0.4)), new Dropout(ValueChoice.of(0.1, 0.2, 0.3, 0.4)),
        new Dropout(ValueChoice.of(0.1, 0.2, 0.3, 0.4)), new Dropout(ValueChoice.of(0.1, 0.2, 0.3, 0.4)),
        new Dropout(ValueChoice.of(0.1, 0.2, 0.3, 0.4)), new Dropout(ValueChoice.of(0.1, 0.2, 0.3, 0.4)));

    @Override public Tensor forward(Tensor x) {
      x = outer.forward(x);
      for (int i = 0; i < 6; i++) {
        x = widths.get(i).forward(x);
      }
      return x;
    }

    static class Inner extends NasModule {
      final LayerChoice inner = new LayerChoice(new Identity(), new Conv2d(3, 8, 1)).label("inner");

      @Override public Tensor forward(Tensor x) {
        return inner.forward(x);
      }
    }
  }

  @Test
  void aBadCandidateUnderANonFirstCandidateFailsTheTrace() {
    SpaceException e = assertThrows(SpaceException.class, () -> Tracer.trace(new BadNestedCandidate(), TensorShape.batchOf(8, 8, 8)));
    assertTrue(e.getMessage().contains("inner") && e.getMessage().contains("3 input channels"), e.getMessage());
    assertTrue(e.getMessage().contains("outer=2"), e.getMessage());
  }
}
