package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.text.IrParseException;
import dev.jnas.ir.text.IrParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleTest {
  private static final Graph TUTORIAL = IrParser.parse(Goldens.text("tutorial-space"));
  private static final Graph EVERY = IrParser.parse(Goldens.text("every-choice"));

  @Test
  void jsonRoundTripsInOrder() {
    Sample s = Sample.fromJson("{\"conv2\": 1, \"dropout1.p\": 0.25, \"feature\": 256}");
    assertEquals("{\"conv2\": 1, \"dropout1.p\": 0.25, \"feature\": 256}", s.toJson());
    assertEquals(List.of("conv2", "dropout1.p", "feature"), List.copyOf(s.decisions().keySet()));
    assertEquals(s, Sample.fromJson(s.toJson()));
    assertEquals(Map.of("k", 3), Sample.fromJson("{\"cfg\": {\"k\": 3}}").get("cfg"));
  }

  @Test
  void badJsonIsAParseErrorWithAPosition() {
    IrParseException e = assertThrows(IrParseException.class, () -> Sample.fromJson("{\"conv2\": 1,, }"));
    assertEquals(1, e.line());
    assertTrue(e.column() > 1);
    assertTrue(assertThrows(IrParseException.class, () -> Sample.fromJson("[1, 2]")).getMessage().contains("a JSON object"));
  }

  @Test
  void canonicalSamplesFollowTheArchitecturesOrderAndDropWhatItNeverReaches() {
    Map<String, Object> shuffled = new LinkedHashMap<>();
    shuffled.put("feature", 64);
    shuffled.put("conv2", 0);
    shuffled.put("dropout1.p", 0.5);
    assertEquals("{\"conv2\": 0, \"dropout1.p\": 0.5, \"feature\": 64}", Sample.canonical(TUTORIAL, shuffled).toJson());
    Map<String, Object> full = new LinkedHashMap<>(Map.of("width", 16, "act", "relu", "blocks", 1, "kernel", 3,
        "branch", 0, "branch.1.kernel", 5, "merge", List.of(0, 1), "pick", List.of(0), "joined", List.of(0, 1)));
    full.put("head", Map.of("p", 0.1, "scale", 1));
    Sample a = Sample.canonical(EVERY, full);
    full.put("branch.1.kernel", 3);
    Sample b = Sample.canonical(EVERY, full);
    assertEquals(a, b, "branch 0 never reaches branch.1.kernel, so both are one architecture");
    assertTrue(!a.decisions().containsKey("branch.1.kernel"));
    full.put("branch", 1);
    assertEquals(3, Sample.canonical(EVERY, full).get("branch.1.kernel"));
  }

  @Test
  void validationNamesWhatIsWrong() {
    assertTrue(assertThrows(IrException.class, () -> Sample.canonical(TUTORIAL, Map.of("conv3", 0, "conv2", 0)))
        .getMessage().contains("the sample names 'conv3', which is not a choice of ModelSpace; its choices are conv2, dropout1.p, feature"));
    assertTrue(assertThrows(IrException.class, () -> Sample.canonical(TUTORIAL, Map.of("conv2", 2)))
        .getMessage().contains("decision 2 for 'conv2' is not among its candidates [0, 1]"));
    assertTrue(assertThrows(IrException.class, () -> Sample.canonical(TUTORIAL, Map.of("conv2", 0, "feature", 64)))
        .getMessage().contains("the sample has no decision for 'dropout1.p'"));
  }
}
