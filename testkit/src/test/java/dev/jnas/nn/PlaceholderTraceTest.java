package dev.jnas.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.text.IrParser;
import dev.jnas.nn.spaces.PlaceholderSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholderTraceTest {
  private static final TensorShape IMAGE = TensorShape.batchOf(1, 8, 8);

  @Test
  void aPlaceholderTracesToAPlaceholderNodeThatNoSampleDecides() {
    TracedSpace t = Tracer.trace(new PlaceholderSpace(), IMAGE);
    assertEquals(List.of("branch", "hidden"), t.searchSpace().choices().stream().map(Choice::label).toList());
    assertEquals(4, t.searchSpace().size());
    String ir = t.graph().toString();
    assertTrue(ir.contains("  stem = placeholder(x, label=\"stem\", shape=[4, 0, 0], info={\"in\": 1})\n"), ir);
    assertTrue(ir.contains("  act = placeholder(stem, label=\"act\", shape=\"same\", info={})\n"), ir);
    assertTrue(ir.contains("      act = placeholder(conv, label=\"act\", shape=\"same\", info={})\n"), ir);
    assertEquals(t.graph(), IrParser.parse(ir));
    assertFalse(t.graph().isFrozen());
  }

  @Test
  void aFixedArchitectureKeepsItsPlaceholdersForTheCustomMutators() {
    Graph fixed = Tracer.trace(FixedArchitecture.instantiate(PlaceholderSpace::new, Map.of("branch", 1, "hidden", 8)), IMAGE).graph();
    assertFalse(fixed.isFrozen());
    String ir = fixed.toString();
    assertTrue(ir.contains("  branch.act = placeholder(branch.conv, label=\"act\", shape=\"same\", info={})\n"), ir);
  }

  @Test
  void theDeclaredShapeIsCheckedAgainstTheRestOfTheSpace() {
    SpaceException e = assertThrows(SpaceException.class, () -> Tracer.trace(new WrongStem(), IMAGE));
    assertTrue(e.getMessage().contains("branch > 1 > conv: conv2d expects 4 input channels (in=4), got input [N, 3, 8, 8]"), e.getMessage());
    SpaceException rank = assertThrows(SpaceException.class, () -> Tracer.trace(new CopiesAMissingDimension(), IMAGE));
    assertTrue(rank.getMessage().contains("p: placeholder 'p' copies the input's size at position 3 of its dims [1, 0, 0, 0],"
        + " but its input [N, 1, 8, 8] has no dimension there"), rank.getMessage());
  }

  @Test
  void badArgumentsFailWhenConstructed() {
    assertTrue(assertThrows(SpaceException.class, () -> new Placeholder(" ")).getMessage().contains("label must not be blank"));
    assertTrue(assertThrows(SpaceException.class, () -> new Placeholder("p", 4, -1)).getMessage()
        .contains("Placeholder 'p' dims must be sizes of at least 1, or 0 to copy the input's size, got [4, -1]"));
    assertTrue(assertThrows(SpaceException.class, () -> new Placeholder("p").info("k", ValueChoice.of(1, 2))).getMessage()
        .contains("must be a literal, not a ValueChoice"));
    assertTrue(assertThrows(SpaceException.class, () -> new Placeholder("p").info("k", new Object())).getMessage()
        .contains("Placeholder 'p' info 'k': value"));
  }

  @Test
  void theModulePrintoutShowsTheRule() {
    String printed = new PlaceholderSpace().toString();
    assertTrue(printed.contains("(stem): Placeholder(label=\"stem\", shape=[4, 0, 0], info={\"in\": 1})"), printed);
    assertTrue(printed.contains("(act): Placeholder(label=\"act\", shape=same)"), printed);
  }

  /** The stem declares 3 channels, but the block's conv after it reads 4. */
  @ModelWrapper
  static class WrongStem extends NasModule {
    final Placeholder stem = new Placeholder("stem", 3, 0, 0);
    final LayerChoice branch = new LayerChoice(new Identity(), new PlaceholderSpace.Block());

    @Override public Tensor forward(Tensor x) {
      return branch.forward(stem.forward(x));
    }
  }

  @ModelWrapper
  static class CopiesAMissingDimension extends NasModule {
    final Placeholder p = new Placeholder("p", 1, 0, 0, 0);

    @Override public Tensor forward(Tensor x) {
      return p.forward(x);
    }
  }
}
