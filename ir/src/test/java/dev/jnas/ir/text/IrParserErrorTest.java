package dev.jnas.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Goldens;
import dev.jnas.ir.Graph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IrParserErrorTest {
  private static final String NET = Goldens.text("tutorial-net");

  /** Replaces the first occurrence of {@code from} in the tutorial net. */
  private static String net(String from, String to) {
    assertTrue(NET.contains(from), from);
    return NET.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  private static IrParseException fails(String text) {
    return assertThrows(IrParseException.class, () -> IrParser.parse(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // what is wrong | replace | with | line | column | message contains
      "unknown op | relu = relu(conv1) | relu = rectify(conv1) | 3 | 10 | unknown op 'rectify'",
      "undefined input | relu = relu(conv1) | relu = relu(conv9) | 3 | 15 | 'conv9' is not defined",
      "input defined later | relu = relu(conv1) | relu = relu(conv2) | 3 | 15 | 'conv2' is not defined before this node",
      "duplicate name | relu = relu(conv1) | conv1 = relu(conv1) | 3 | 3 | 'conv1' is already defined",
      "unknown attribute | p=0.25 | q=0.25 | 6 | 34 | dropout has no attribute 'q'",
      "missing attribute | fc1 = linear(flatten, in=9216, | fc1 = linear(flatten, | 8 | 9 | linear needs attribute 'in'",
      "attribute twice | p=0.25 | p=0.25, p=0.3 | 6 | 42 | attribute 'p' is given twice",
      "wrong channels | in=32, out=64 | in=16, out=64 | 4 | 3 | expects 16 input channels",
      "wrong linear width | in=9216 | in=9000 | 8 | 3 | expects last dimension 9000",
      "bad dropout | p=0.25 | p=1.5 | 6 | 3 | must be in [0, 1)",
      "integer overflow | out=32 | out=99999999999 | 2 | 31 | out of the int range",
      "wrong type | kernel=3, stride=1 | kernel=true, stride=1 | 2 | 3 | attribute 'kernel' must be an int",
      "bad dimension | [N, 1, 28, 28] | [B, 1, 28, 28] | 1 | 22 | expected a size or N",
      "undefined output | return log_softmax | return softmax | 13 | 10 | returns 'softmax'",
      "syntax: missing paren | relu = relu(conv1) | relu = relu(conv1 | 4 | 3 | expecting",
      "syntax: stray character | relu = relu(conv1) | relu = relu(conv1) @ | 3 | 22 | token recognition error",
      "unknown function | p=0.25 | p=half(1) | 6 | 36 | unknown function 'half'",
      "positional after attribute | flatten(dropout1, startDim=1) | flatten(startDim=1, dropout1) | 7 | 33 | must come before the attributes",
      "arity | max_pool2d = maxPool2d(conv2, | max_pool2d = maxPool2d(conv2, relu, | 5 | 3 | maxPool2d takes 1 input, got 2",
      "window too large | kernel=2, stride=2 | kernel=30, stride=2 | 5 | 3 | does not fit a spatial size of 24",
  })
  void badInputIsOneExceptionAtTheFault(String what, String from, String to, int line, int column, String message) {
    IrParseException e = fails(net(from, to));
    assertTrue(e.reason().contains(message), what + ": " + e.getMessage());
    assertEquals(line, e.line(), what + ": " + e.getMessage());
    assertEquals(column, e.column(), what + ": " + e.getMessage());
    assertTrue(e.getMessage().startsWith("line " + line + ":" + column + ": "), e.getMessage());
  }

  @Test
  void aFaultInsideACandidateGraphPointsIntoIt() {
    String space = Goldens.text("tutorial-space");
    IrParseException e = fails(space.replace("groups=32", "groups=5"));
    assertEquals(10, e.line(), e.getMessage());
    assertEquals(7, e.column(), e.getMessage());
    assertTrue(e.reason().contains("groups=5 must divide in=32"), e.getMessage());
    IrParseException shape = fails(space.replace("in=32, out=64, kernel=1", "in=32, out=48, kernel=1"));
    assertTrue(shape.reason().contains("conv2=1"), shape.getMessage());
  }

  @Test
  void emptyAndTruncatedInputs() {
    assertEquals(1, fails("").line());
    assertTrue(fails("graph G(x: [N, 3]) {").reason().contains("expecting"));
    assertTrue(fails("graph G(x: [N, 3]) { return x } trailing").reason().contains("expecting <EOF>"));
  }

  @Test
  void deepNestingIsAParseErrorNotAStackOverflow() {
    String deep = "(".repeat(100_000);
    IrParseException e = fails("graph G(x: [N, 3]) {\n  y = dropout(x, p=" + deep + "0.5" + ")".repeat(100_000) + ")\n  return y\n}\n");
    assertTrue(e.reason().contains("nests too deeply"), e.getMessage());
  }

  @Test
  void commentsAndLooseWhitespaceAreAccepted() {
    Graph g = IrParser.parse("# a comment\ngraph G(x: [N, 3]) {   y = relu(x) # trailing\n return y }");
    assertEquals("graph G(x: [N, 3]) {\n  y = relu(x)\n  return y\n}\n", g.toString());
  }

  @Test
  void attributesWithDefaultsMayBeLeftOutAndComeInAnyOrder() {
    Graph g = IrParser.parse("graph G(x: [N, 3, 8, 8]) {\n  y = conv2d(x, kernel=3, out=4, in=3)\n  return y\n}\n");
    assertEquals(
        "graph G(x: [N, 3, 8, 8]) {\n  y = conv2d(x, in=3, out=4, kernel=3, stride=1, padding=0, dilation=1, groups=1, bias=true)\n  return y\n}\n",
        g.toString());
  }
}
