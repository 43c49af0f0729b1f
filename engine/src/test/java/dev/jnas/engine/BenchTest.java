package dev.jnas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.TensorShape;
import dev.jnas.nn.spaces.TutorialSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTest {
  @Test
  void measuresBothKindsOfTrial() {
    List<Bench.Figure> figures = Bench.run(TutorialSpace::new, TensorShape.batchOf(1, 28, 28), 20, ExecutionEngine.BASE);
    assertEquals(2, figures.size());
    assertEquals(18, figures.get(0).trials());
    assertEquals(20, figures.get(1).trials());
    for (Bench.Figure f : figures) {
      assertTrue(f.median() > 0 && f.p90() >= f.median(), f.toString());
    }
  }
}
