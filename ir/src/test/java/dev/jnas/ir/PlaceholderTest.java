package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.text.IrParseException;
import dev.jnas.ir.text.IrParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaceholderTest {
  private static final String SPACE = Goldens.text("placeholder");

  @Test
  void roundTripsAndIsNeitherFrozenNorAChoice() {
    Graph g = IrParser.parse(SPACE);
    assertEquals(SPACE, g.toString());
    assertFalse(g.isFrozen(), "a placeholder is left for a custom mutator");
    assertEquals(List.of("branch"), g.choices().stream().map(Choice::label).toList(), "no sample decides a placeholder");
    assertEquals(2, SearchSpace.of(g).size());
    assertEquals(List.of(SearchSpace.architectures(g, 10).get(0), SearchSpace.architectures(g, 10).get(1)),
        SearchSpace.architectures(g, 10));
    PlaceholderOp head = (PlaceholderOp) g.node("head").orElseThrow().op();
    assertEquals(Map.of("kinds", List.of("linear"), "scale", 0.5), head.info());
    assertEquals(Optional.of(List.of(10)), head.dims());
  }

  @Test
  void attributesMayBeLeftOutOrComeInAnyOrder() {
    Graph g = IrParser.parse("""
        graph G(x: [N, 3, 8, 8]) {
          p = placeholder(x, info={"b": 1, "a": 2}, label="p")
          return p
        }
        """);
    assertTrue(g.toString().contains("p = placeholder(x, label=\"p\", shape=\"same\", info={\"a\": 2, \"b\": 1})"), g.toString());
  }

  @Test
  void theDeclaredShapeRuleIsShapeChecked() {
    Analysis a = Analysis.of(IrParser.parse(SPACE), Decisions.of(Map.of("branch", 1)));
    assertEquals(TensorShape.batchOf(4, 8, 8), a.nodes().get("stem").shape(), "0 copies the input's size");
    assertEquals(TensorShape.batchOf(4, 8, 8), a.nodes().get("act").shape());
    assertEquals(TensorShape.batchOf(10), a.nodes().get("head").shape());
    // The conv in candidate 1 takes 4 channels: a stem declared with 3 fails at once, naming the candidate.
    IrParseException e = assertThrows(IrParseException.class, () -> IrParser.parse(SPACE.replace("shape=[4, 0, 0]", "shape=[3, 0, 0]")));
    assertTrue(e.reason().contains("branch > 1 > conv: conv2d expects 4 input channels (in=4), got input [N, 3, 8, 8]"), e.getMessage());
    assertEquals(10, e.line(), e.getMessage());
    IrParseException rank = assertThrows(IrParseException.class, () -> IrParser.parse(SPACE.replace("shape=[10]", "shape=[10, 0]")));
    assertTrue(rank.reason().contains("placeholder 'head' copies the input's size at position 1 of its dims [10, 0], but its input [N, 256] has no dimension there"),
        rank.getMessage());
  }

  @Test
  void badPlaceholdersAreParseErrorsWithAPosition() {
    IrParseException shape = assertThrows(IrParseException.class, () -> IrParser.parse(SPACE.replace("shape=[10]", "shape=\"wide\"")));
    assertTrue(shape.reason().contains("attribute 'shape' must be \"same\" or a list of ints"), shape.getMessage());
    assertEquals(16, shape.line());
    IrParseException info = assertThrows(IrParseException.class, () -> IrParser.parse(SPACE.replace("info={}", "info=3")));
    assertTrue(info.reason().contains("attribute 'info' must be a map"), info.getMessage());
    IrParseException negative = assertThrows(IrParseException.class, () -> IrParser.parse(SPACE.replace("shape=[10]", "shape=[-10]")));
    assertTrue(negative.reason().contains("placeholder 'head' declares output dims [-10]"), negative.getMessage());
    IrParseException label = assertThrows(IrParseException.class, () -> IrParser.parse(SPACE.replace("label=\"head\", ", "")));
    assertTrue(label.reason().contains("placeholder needs attribute 'label'"), label.getMessage());
    IrParseException arity = assertThrows(IrParseException.class, () -> IrParser.parse(SPACE.replace("placeholder(flatten,", "placeholder(flatten, stem,")));
    assertTrue(arity.reason().contains("placeholder takes 1 input, got 2"), arity.getMessage());
  }
}
