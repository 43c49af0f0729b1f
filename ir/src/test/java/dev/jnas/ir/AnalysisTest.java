package dev.jnas.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.text.IrParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisTest {
  private static final long N = TensorShape.UNKNOWN;

  @Test
  void tutorialNetHasTheSeedsShapesAndParameterCount() {
    Graph net = IrParser.parse(Goldens.text("tutorial-net"));
    assertTrue(net.isFrozen());
    Analysis a = Analysis.of(net);
    assertEquals(TensorShape.of(N, 32, 26, 26), a.nodes().get("conv1").shape());
    assertEquals(TensorShape.of(N, 64, 24, 24), a.nodes().get("conv2").shape());
    assertEquals(TensorShape.of(N, 64, 12, 12), a.nodes().get("max_pool2d").shape());
    assertEquals(TensorShape.of(N, 9216), a.nodes().get("flatten").shape());
    assertEquals(List.of(TensorShape.of(N, 10)), a.outputs());
    assertEquals(1_199_882, a.params());
    assertEquals(320, a.nodes().get("conv1").params());
    assertEquals(18_496, a.nodes().get("conv2").params());
    assertEquals(1_179_776, a.nodes().get("fc1").params());
    assertEquals(1_290, a.nodes().get("fc2").params());
  }

  @Test
  void flopsCountMultiplyAddsPerExample() {
    Analysis a = Analysis.of(IrParser.parse(Goldens.text("tutorial-net")));
    assertEquals(32L * 26 * 26 * 9, a.nodes().get("conv1").flops());
    assertEquals(64L * 24 * 24 * 32 * 9, a.nodes().get("conv2").flops());
    assertEquals(9216L * 128, a.nodes().get("fc1").flops());
    assertEquals(32L * 26 * 26, a.nodes().get("relu").flops());
    assertEquals(64L * 12 * 12 * 4, a.nodes().get("max_pool2d").flops());
    assertEquals(0, a.nodes().get("flatten").flops());
    assertEquals(0, a.nodes().get("dropout1").flops());
    long total = a.nodes().values().stream().mapToLong(Analysis.NodeStats::flops).sum();
    assertEquals(total, a.flops());
  }

  @Test
  void spaceUnderTheFrozenNetsDecisionsMatchesTheFrozenNet() {
    Graph space = IrParser.parse(Goldens.text("tutorial-space"));
    Analysis frozen = Analysis.of(IrParser.parse(Goldens.text("tutorial-net")));
    Analysis decided = Analysis.of(space, Decisions.of(Map.of("conv2", 0, "dropout1.p", 0.25, "feature", 128)));
    assertEquals(frozen.params(), decided.params());
    assertEquals(frozen.flops(), decided.flops());
    assertEquals(frozen.outputs(), decided.outputs());
  }

  @Test
  void layerChoiceCountsOnlyTheChosenCandidate() {
    Graph space = IrParser.parse(Goldens.text("tutorial-space"));
    Analysis separable = Analysis.of(space, Decisions.of(Map.of("conv2", 1, "dropout1.p", 0.5, "feature", 64)));
    // depthwise 32*9+32 and pointwise 32*64+64 instead of 18,496
    assertEquals(32 * 9 + 32 + 32 * 64 + 64, separable.nodes().get("conv2").params());
    assertEquals(TensorShape.of(N, 64, 24, 24), separable.nodes().get("conv2").shape());
    assertEquals(320 + 2_432 + 9216 * 64 + 64 + 64 * 10 + 10, separable.params());
  }

  @Test
  void everyOpGraphHasTheShapesOfItsShapeRules() {
    Analysis a = Analysis.of(IrParser.parse(Goldens.text("every-op")));
    Map<String, TensorShape> expected = Map.ofEntries(
        Map.entry("conv", TensorShape.of(N, 8, 8, 8)),
        Map.entry("max_pool", TensorShape.of(N, 8, 4, 4)),
        Map.entry("avg_pool", TensorShape.of(N, 8, 4, 4)),
        Map.entry("cat", TensorShape.of(N, 16, 4, 4)),
        Map.entry("mean", TensorShape.of(N, 16, 1, 1)),
        Map.entry("gated", TensorShape.of(N, 16, 4, 4)),
        Map.entry("total", TensorShape.of(N, 4, 4)),
        Map.entry("reshape", TensorShape.of(N, 16, 16)),
        Map.entry("layer_norm", TensorShape.of(N, 16, 16)),
        Map.entry("pool", TensorShape.of(N, 16, 1, 1)),
        Map.entry("flatten", TensorShape.of(N, 16)),
        Map.entry("fc", TensorShape.of(N, 10)));
    expected.forEach((node, shape) -> assertEquals(shape, a.nodes().get(node).shape(), node));
    assertEquals(3 * 8 * 9 + 8, a.nodes().get("conv").params());
    assertEquals(16, a.nodes().get("bn").params());
    assertEquals(32, a.nodes().get("layer_norm").params());
    assertEquals(170, a.nodes().get("fc").params());
    // PyTorch's counts: ConvTranspose2d(8, 4, 3) 8*4*9+4; Conv1d(4, 6, 3) 6*4*3+6; BatchNorm1d(6) 12;
    // LSTM(6, 8, 2 layers) 4*8*(6+8+2) + 4*8*(8+8+2); MultiheadAttention(8) 4*(8*8+8); GRU(8, 5)
    // 3*5*(8+5+2); Embedding(3, 4) 12.
    assertEquals(292, a.nodes().get("up").params());
    assertEquals(78, a.nodes().get("conv1").params());
    assertEquals(1088, a.nodes().get("lstm").params());
    assertEquals(288, a.nodes().get("attention").params());
    assertEquals(225, a.nodes().get("gru").params());
    assertEquals(TensorShape.of(N, 4, 8, 8), a.nodes().get("up").shape());
    assertEquals(TensorShape.of(N, 4, 8), a.nodes().get("sliced").shape());
    assertEquals(3 * 8 * 9 + 8 + 16 + 32 + 170 + 292 + 78 + 12 + 1088 + 288 + 225 + 12, a.params());
    assertEquals(List.of(TensorShape.of(N, 10), TensorShape.of(N, 10), TensorShape.of(N, 16, 16), TensorShape.of(N, 4, 4), TensorShape.of(N, 4, 4),
        TensorShape.of(N, 5, 4)), a.outputs());
  }

  @Test
  void repeatAndInputChoicesFollowTheirDecisions() {
    Graph space = IrParser.parse(Goldens.text("every-choice"));
    Map<String, Object> base = new java.util.LinkedHashMap<>(Map.of(
        "width", 16, "act", "relu", "blocks", 1, "kernel", 3, "branch", 2,
        "branch.1.kernel", 3, "merge", List.of(0, 1), "pick", List.of(0), "joined", List.of(0, 1)));
    base.put("head", Map.of("p", 0.1, "scale", 1));
    Analysis one = Analysis.of(space, Decisions.of(base));
    base.put("blocks", 3);
    Analysis three = Analysis.of(space, Decisions.of(base));
    long blockParams = 16L * 8 * 9 + 32; // groups = min(16 % 16 + 2, 4) = 2; batch norm 2*16
    assertEquals(blockParams, one.nodes().get("blocks").params());
    assertEquals(3 * blockParams, three.nodes().get("blocks").params());
    assertEquals(TensorShape.of(N, 32, 32, 32), one.nodes().get("joined").shape());
    assertEquals(TensorShape.of(N, 64), one.nodes().get("fc1").shape());
    base.put("width", 32);
    assertEquals(TensorShape.of(N, 112), Analysis.of(space, Decisions.of(base)).nodes().get("fc1").shape());
  }
}
