package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.expr.BinaryOperator;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.DropoutOp;
import dev.jnas.ir.text.IrParser;
import dev.jnas.ir.text.IrPrinter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprTest {
  private static final ChoiceOfValues WIDTH = ChoiceOfValues.of("width", 16, 32, -7);
  private static final Decisions W32 = Decisions.of(Map.of("width", 32));

  /** The attribute expression of a one-node graph, parsed. */
  private static Expr parse(String expression) {
    Graph g = IrParser.parse("graph G(x) {\n  y = dropout(x, p=" + expression + ")\n  return y\n}\n");
    return ((DropoutOp) g.nodes().get(0).op()).p();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1 + 2 * 3 | 7",
      "(1 + 2) * 3 | 9",
      "7 // 2 | 3",
      "-7 // 2 | -4",
      "-7 % 3 | 2",
      "7 / 2 | 3.5",
      "7.5 // 2 | 3.0",
      "10 - 2 - 3 | 5",
      "2 * 3 % 4 | 2",
      "min(3, 1, 2) | 1",
      "max(1, 2.5) | 2.5",
      "if(2 > 1, 10, 20) | 10",
      "if(1 == 1.0, 1, 0) | 1",
      "[1, 2, 3][1] | 2",
      "{\"k\": 3, \"s\": 1}[\"s\"] | 1",
      "choice(\"width\", [16, 32, -7]) * 2 | 64",
      "choice(\"width\", [16, 32, -7]) // 3 - 1 | 9",
      "round(2.5) | 2",
      "round(3.5) | 4",
      "round(-2.6) | -3",
      "int(2.9) | 2",
      "int(-2.9) | -2",
      "int(choice(\"width\", [16, 32, -7]) * 0.75) | 24",
      "abs(-7) | 7",
      "abs(-2.5) | 2.5",
      "pow(2, 10) | 1024",
      "pow(2, -1) | 0.5",
      "pow(4, 0.5) | 2.0",
      "min(3, 1, 2, 0.5, 4) | 0.5",
  })
  void evaluatesWithPythonIntegerSemantics(String expression, String expected) {
    Object value = parse(expression).evaluate(W32);
    assertEquals(expected, String.valueOf(value), expression);
  }

  @Test
  void newFunctionsRefuseWhatTheyCannotGive() {
    assertTrue(assertThrows(IrException.class, () -> parse("pow(2, 40)").evaluate(W32)).getMessage().contains("overflows an int"));
    assertTrue(assertThrows(IrException.class, () -> parse("round(1e12)").evaluate(W32)).getMessage().contains("does not fit an int"));
    assertTrue(assertThrows(IrException.class, () -> parse("round(1, 2)")).getMessage().contains("round() takes 1 argument, got 2"));
    assertTrue(assertThrows(IrException.class, () -> parse("abs(\"x\")").evaluate(W32)).getMessage().contains("abs() needs numbers"));
    assertEquals("round(choice(\"width\", [16, 32, -7]) * 0.5)", IrPrinter.print(parse("round(choice(\"width\", [16, 32, -7]) * 0.5)")));
  }

  @Test
  void printsOnlyTheParenthesesPrecedenceNeeds() {
    Expr w = Expr.ref(WIDTH);
    Expr sum = new Expr.Binary(BinaryOperator.PLUS, w, Expr.of(1));
    assertEquals("(choice(\"width\", [16, 32, -7]) + 1) * 2",
        IrPrinter.print(new Expr.Binary(BinaryOperator.TIMES, sum, Expr.of(2))));
    assertEquals("2 - (1 - 1)", IrPrinter.print(new Expr.Binary(BinaryOperator.MINUS, Expr.of(2),
        new Expr.Binary(BinaryOperator.MINUS, Expr.of(1), Expr.of(1)))));
    assertEquals("2 - 1 - 1", IrPrinter.print(new Expr.Binary(BinaryOperator.MINUS,
        new Expr.Binary(BinaryOperator.MINUS, Expr.of(2), Expr.of(1)), Expr.of(1))));
    assertEquals("3 - -1", IrPrinter.print(new Expr.Binary(BinaryOperator.MINUS, Expr.of(3), Expr.of(-1))));
    for (String text : List.of("(1 + 2) * 3", "2 - (1 - 1)", "3 - -1", "[1, 2][0]", "1 + 1 == 2 == true", "1 == (2 == 2)")) {
      assertEquals(text, IrPrinter.print(parse(text)));
    }
  }

  @Test
  void listsOfLiteralsAreLiterals() {
    assertEquals(Expr.of(List.of(1, 2)), Expr.list(List.of(Expr.of(1), Expr.of(2))));
    assertTrue(Expr.list(List.of(Expr.of(1), Expr.ref(WIDTH))) instanceof Expr.ListOf);
    assertThrows(IrException.class, () -> new Expr.ListOf(List.of(Expr.of(1))));
  }

  @Test
  void literalsAreNormalised() {
    assertEquals(Expr.of(3), Expr.of(3L));
    assertEquals(Expr.of(0.5), Expr.of(0.5f));
    assertThrows(IrException.class, () -> Expr.of(Double.NaN));
    assertThrows(IrException.class, () -> Expr.of(1L << 40));
    assertThrows(IrException.class, () -> Expr.of(new Object()));
  }

  @Test
  void mapsPrintWithSortedKeysWhateverTheirIterationOrder() {
    java.util.Map<String, Object> reversed = new java.util.LinkedHashMap<>();
    reversed.put("z", 1);
    reversed.put("a", 2);
    assertEquals("{\"a\": 2, \"z\": 1}", IrPrinter.print(Expr.of(reversed)));
    assertEquals(Expr.of(reversed), Expr.of(Map.of("a", 2, "z", 1)));
  }

  @Test
  void badEvaluationsNameTheProblem() {
    assertTrue(assertThrows(IrException.class, () -> parse("1 // 0").evaluate(Decisions.NONE)).getMessage().contains("division by zero"));
    assertTrue(assertThrows(IrException.class, () -> parse("true + 1").evaluate(Decisions.NONE)).getMessage().contains("needs numbers"));
    assertTrue(assertThrows(IrException.class, () -> parse("{\"a\": 1}[\"b\"]").evaluate(Decisions.NONE)).getMessage().contains("key \"b\" is not in"));
    assertTrue(assertThrows(IrException.class, () -> Expr.ref(WIDTH).evaluate(Decisions.NONE)).getMessage().contains("no decision for choice 'width'"));
    assertTrue(assertThrows(IrException.class, () -> Expr.ref(WIDTH).evaluate(Decisions.of(Map.of("width", 8)))).getMessage().contains("not among its candidates"));
    assertTrue(assertThrows(IrException.class, () -> parse("2147483647 + 1").evaluate(Decisions.NONE)).getMessage().contains("overflows"));
  }

  @Test
  void expressionsReportTheChoicesTheyRead() {
    ChoiceOfValues k = ChoiceOfValues.of("k", 3, 5);
    Expr e = new Expr.Call(Expr.Function.MAX, List.of(Expr.ref(WIDTH), new Expr.Binary(BinaryOperator.FLOOR_DIV, Expr.ref(k), Expr.of(2))));
    assertEquals(List.of(WIDTH, k), List.copyOf(e.choices()));
  }

  @Test
  void stringsEscapeAndRoundTrip() {
    String nasty = "a \"quoted\" \\ label\nwith\ttabs and \u0001";
    Graph g = IrParser.parse("graph G(x) {\n  y = dropout(x, p=choice(" + Values.quote(nasty) + ", [0.1]))\n  return y\n}\n");
    assertEquals(nasty, g.choices().get(0).label());
    assertEquals(g, IrParser.parse(g.toString()));
  }
}
