package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionsTest {
  @Test
  void withDecidesOneLabelAgainAndLeavesTheOriginal() {
    Decisions base = Decisions.of(Map.of("width", 16, "kernel", 5));
    Decisions narrow = base.with("width", 8);
    assertEquals(8, narrow.get("width"));
    assertEquals(5, narrow.get("kernel"));
    assertEquals(16, base.get("width"), "the original is unchanged");
    assertEquals(3, base.with("depth", 3).byLabel().size(), "a new label is added");
  }
}
