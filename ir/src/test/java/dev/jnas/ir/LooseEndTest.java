package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.text.IrParseException;
import dev.jnas.ir.text.IrParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LooseEndTest {
  /** A cell of two inputs and two nodes; node 3 reads node 2 or an input; then a lazy 1x1 conv. */
  static final String CELL = """
      graph Cell(x: [N, 4, 8, 8]) {
        y = relu(x)
        n2 = inputChoice(x, y, label="input_2_0", chosen=1, reduction="none")
        n3 = inputChoice(x, y, n2, label="input_3_0", chosen=1, reduction="none")
        out = looseEnd(n2, n3, labels=["input_2_0", "input_3_0"], offset=2)
        head = conv2d(out, in="auto", out=4, kernel=1, stride=1, padding=0, dilation=1, groups=1, bias=true)
        return head
      }
      """;

  @Test
  void printsParsesAndFollowsTheInputChoices() {
    Graph g = IrParser.parse(CELL);
    assertEquals(g, IrParser.parse(g.toString()));
    assertTrue(g.toString().contains("out = looseEnd(n2, n3, labels=[\"input_2_0\", \"input_3_0\"], offset=2)"), g.toString());
    assertFalse(g.isFrozen());
    Analysis readsNode2 = Analysis.of(g, Decisions.of(Map.of("input_2_0", List.of(0), "input_3_0", List.of(2))));
    assertEquals(TensorShape.batchOf(4, 8, 8), readsNode2.nodes().get("out").shape(), "only n3 is loose");
    Analysis readsInput = Analysis.of(g, Decisions.of(Map.of("input_2_0", List.of(0), "input_3_0", List.of(1))));
    assertEquals(TensorShape.batchOf(8, 8, 8), readsInput.nodes().get("out").shape(), "n2 and n3 are loose");
    assertEquals(8 * 4 + 4, readsInput.nodes().get("head").params(), "the lazy conv takes 8 channels");
    assertEquals(4 * 4 + 4, readsNode2.nodes().get("head").params());
    assertEquals(2 * 3, SearchSpace.of(g).size());
  }

  @Test
  void badLooseEndsAreParseErrors() {
    IrParseException e = assertThrows(IrParseException.class, () -> IrParser.parse(CELL.replace("offset=2", "offset=\"two\"")));
    assertTrue(e.reason().contains("looseEnd needs attribute 'offset', an int"), e.getMessage());
  }
}
