package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnas.ir.text.IrParser;
import dev.jnas.ir.text.IrPrinter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class GoldenTest {
  static final java.util.List<String> GOLDENS = Goldens.ALL;

  @ParameterizedTest
  @FieldSource("GOLDENS")
  void canonicalTextPrintsBackUnchanged(String name) {
    String text = Goldens.text(name);
    assertEquals(text, IrPrinter.print(IrParser.parse(text)));
  }

  @ParameterizedTest
  @FieldSource("GOLDENS")
  void printedGraphParsesBackEqual(String name) {
    Graph graph = IrParser.parse(Goldens.text(name));
    Graph again = IrParser.parse(IrPrinter.print(graph));
    assertEquals(graph, again);
    assertEquals(graph.hashCode(), again.hashCode());
  }
}
