package dev.jnas.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnas.ir.TensorShape;
import dev.jnas.nn.spaces.EveryChoiceSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EveryChoiceTest {
  /** Graph names are class names, which differ between the Java space and the hand-written IR. */
  private static String withoutGraphNames(String text) {
    return text.replaceAll("graph \\w+\\(", "graph G(");
  }

  @Test
  void theJavaSpaceTracesToTheHandWrittenIrGolden() throws IOException {
    TracedSpace traced = Tracer.trace(new EveryChoiceSpace(), TensorShape.batchOf(3, 32, 32));
    String golden = Files.readString(Path.of("../ir/src/test/resources/ir/every-choice.ir"));
    assertEquals(withoutGraphNames(golden), withoutGraphNames(traced.graph().toString()));
    assertEquals(2 * 3 * 3 * 2 * 4 * 3 * 2 * 2, traced.searchSpace().size());
  }
}
