package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Conv2d;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.ValueChoice;
import dev.jnas.nn.spaces.EveryChoiceSpace;
import dev.jnas.nn.spaces.NestingSpaces;
import dev.jnas.nn.spaces.NestingSpaces.Container;
import dev.jnas.nn.spaces.TestSpaces;
import dev.jnas.runtime.SupernetBlock;
import dev.jnas.testkit.Golden;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The supernet of a space computes exactly what each of its architectures computes: with a path
 * set (SPOS) and with one-hot architecture weights (DARTS), its output equals the frozen
 * architecture's generated block given the same weights, sliced as {@link GeneratedSupernet#layout} says.
 */
class SupernetTest {
  @Test
  void tutorialSpaceEveryArchitecture() throws Exception {
    List<Sample> all = new ArrayList<>();
    for (int conv2 : new int[] {0, 1}) {
      for (double p : new double[] {0.25, 0.5, 0.75}) {
        for (int feature : new int[] {64, 128, 256}) {
          all.add(Tutorial.sample(conv2, p, feature));
        }
      }
    }
    assertPathsMatch(Tutorial.SPACE, "TutorialSpace", all, new Shape(2, 1, 28, 28), SupernetGenerator.generate(Tutorial.SPACE, "TutorialSpace"));
  }

  @Test
  void aLargeSupernetSplitsItsMethodsAndStillMatches() throws Exception {
    // Five statements a method forces the layout a space of thousands of nodes gets (javac's 64 KB a method).
    GeneratedSupernet split = SupernetGenerator.generate(Tutorial.SPACE, "TutorialSpace", 5);
    assertTrue(split.block().source().contains("private void forward2(") && split.block().source().contains("v[3] = "),
        split.block().source());
    assertPathsMatch(Tutorial.SPACE, "TutorialSpace", List.of(Tutorial.sample(1, 0.5, 64), Tutorial.sample(0, 0.75, 128)),
        new Shape(2, 1, 28, 28), split);
  }

  @Test
  void tutorialSupernetSourceIsReadable() {
    Golden.check("tutorial-supernet.java", SupernetGenerator.generate(Tutorial.SPACE, "TutorialSpace").block().source());
  }

  @Test
  void onlyAChoiceThatSetsNothingButDropoutRatesIsTrainingOnly() throws Exception {
    assertEquals(Map.of("conv2", false, "dropout1.p", true, "feature", false), trainingOnly(Tutorial.SPACE));
    TensorShape input = TensorShape.batchOf(8, 6, 6);
    // "p" sets two dropouts' rates; the width also narrows the convolutions.
    Map<String, Boolean> shared = trainingOnly(Tracer.trace(new TestSpaces.Shared(), input).graph());
    assertEquals(2, shared.size(), shared::toString);
    shared.forEach((label, only) -> assertEquals(label.equals("p"), only, label));
    // A kernel choice copies nothing but changes what the convolution computes.
    assertEquals(Map.of("kernel", false, "width", false), trainingOnly(Tracer.trace(new SharedKernel(), TensorShape.batchOf(2, 9, 9)).graph()));
    assertTrue(trainingOnly(Tracer.trace(new TestSpaces.Darts(), input).graph()).values().stream().noneMatch(b -> b), "Darts' choices");
    // The generated supernet says the same at run time, in its choices' order.
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      SupernetBlock block = (SupernetBlock) compiler.compile(SupernetGenerator.generate(Tutorial.SPACE, "TutorialSpace").block())
          .getDeclaredConstructor().newInstance();
      assertEquals(List.of("conv2", "dropout1.p", "feature"), block.choiceLabels());
      assertTrue(java.util.Arrays.equals(new boolean[] {false, true, false}, block.trainingOnlyChoices()));
    }
  }

  private static Map<String, Boolean> trainingOnly(Graph space) {
    SupernetPlan plan = SupernetLowering.lower(space, "Space");
    Map<String, Boolean> out = new HashMap<>();
    for (int k = 0; k < plan.choices().size(); k++) {
      out.put(plan.choices().get(k).label(), plan.trainingOnly(k));
    }
    return out;
  }

  @Test
  void cellsRepeatsAndInputChoices() throws Exception {
    TensorShape input = TensorShape.batchOf(8, 6, 6);
    for (NasModule space : List.of(new TestSpaces.Darts(), new TestSpaces.ChoiceInChosenRepeat(), new TestSpaces.CellInChosenRepeat(),
        new TestSpaces.Repeats())) {
      Graph traced = Tracer.trace(space, input).graph();
      assertPathsMatch(traced, space.getClass().getSimpleName(), randomSamples(traced, 4, 7), new Shape(2, 8, 6, 6),
          SupernetGenerator.generate(traced, space.getClass().getSimpleName()));
    }
  }

  @Test
  void everyNestingOfChoicesThatMixes() throws Exception {
    TensorShape input = TensorShape.batchOf(8, 6, 6);
    for (Container outer : Container.values()) {
      for (Container inner : Container.values()) {
        if (outer == Container.INPUT_CHOICE || inner == Container.INPUT_CHOICE) {
          continue; // picks among inputs of different widths: refused, tested below
        }
        Graph traced = Tracer.trace(NestingSpaces.space(outer, inner).get(), input).graph();
        assertPathsMatch(traced, outer + "_" + inner, randomSamples(traced, 3, (outer + "" + inner).hashCode()), new Shape(2, 8, 6, 6),
            SupernetGenerator.generate(traced, outer + "_" + inner));
      }
    }
  }

  @Test
  void inputChoicesOfSeveralInputsMixEveryWayToChoose() throws Exception {
    Graph traced = Tracer.trace(new ChoosingSeveral(), TensorShape.batchOf(4, 5, 5)).graph();
    assertPathsMatch(traced, "ChoosingSeveral", randomSamples(traced, 8, 3), new Shape(2, 4, 5, 5),
        SupernetGenerator.generate(traced, "ChoosingSeveral"));
  }

  /** Input choices of two of three (summed), any number (averaged), and two passed on one by one. */
  @ModelWrapper
  public static final class ChoosingSeveral extends NasModule {
    final Conv2d a = new Conv2d(4, 4, 3).padding(1);
    final Conv2d b = new Conv2d(4, 4, 1);
    final dev.jnas.nn.InputChoice two = new dev.jnas.nn.InputChoice(3, 2, dev.jnas.ir.op.Reduction.SUM).label("two");
    final dev.jnas.nn.InputChoice any = dev.jnas.nn.InputChoice.any(3, dev.jnas.ir.op.Reduction.MEAN).label("any");

    @Override
    public Tensor forward(Tensor x) {
      Tensor p = a.forward(x);
      Tensor q = b.forward(x).relu();
      return two.forward(x, p, q).add(any.forward(p, q, x));
    }
  }

  @Test
  void everyChoiceSpaceIsRefusedWhereAGroupedConvolutionReadsAChosenWidth() {
    IrException e = assertThrows(IrException.class,
        () -> SupernetGenerator.generate(Tracer.trace(new EveryChoiceSpace(), TensorShape.batchOf(3, 8, 8)).graph(), "Every"));
    // Its blocks group their convolution in two over a chosen width: masking would move the group boundary.
    assertTrue(e.getMessage().startsWith("blocks.0.conv: no supernet: conv2d has 2 groups over a width that a value choice narrows"),
        e.getMessage());
  }

  @Test
  void kernelsShareTheLargestKernelsWeights() throws Exception {
    Graph traced = Tracer.trace(new SharedKernel(), TensorShape.batchOf(2, 9, 9)).graph();
    GeneratedSupernet supernet = SupernetGenerator.generate(traced, "SharedKernel");
    // One block at the largest kernel, not one per size; the mask picks its centre.
    assertTrue(supernet.block().source().contains("conv = addChildBlock(\"conv\", Conv2d.builder().setKernelShape(new Shape(5, 5))"),
        supernet.block().source());
    assertTrue(supernet.block().source().contains("kernelMask(weights, manager, 1, new long[] {3, 5, 1}, 5)"), supernet.block().source());
    List<Sample> all = new ArrayList<>();
    for (int kernel : new int[] {3, 5, 1}) {
      for (int width : new int[] {4, 8}) {
        all.add(Mutators.sample(traced, Map.of("kernel", kernel, "width", width)));
      }
    }
    assertPathsMatch(traced, "SharedKernel", all, new Shape(2, 2, 9, 9), supernet);
  }

  /** A kernel choice with padding that keeps the size, strided, on a chosen width. */
  @ModelWrapper
  public static final class SharedKernel extends NasModule {
    final ValueChoice<Integer> kernel = ValueChoice.of(3, 5, 1).label("kernel");
    final Conv2d conv = new Conv2d(2, ValueChoice.of(4, 8).label("width"), kernel, 2).padding(kernel.floorDiv(2));
    final Conv2d out = new Conv2d(ValueChoice.of(4, 8).label("width"), 3, 1);

    @Override
    public Tensor forward(Tensor x) {
      return out.forward(conv.forward(x).relu());
    }
  }

  @Test
  void aForwardPassLeavesNothingInTheParametersManager() throws Exception {
    // Arrays made from a parameter (its softmax, a kernel mask times the weights) live in the
    // parameter's manager unless moved: a DARTS supernet once grew by megabytes a step.
    Graph traced = Tracer.trace(new SharedKernel(), TensorShape.batchOf(2, 9, 9)).graph();
    GeneratedSupernet generated = SupernetGenerator.generate(traced, "SharedKernel");
    try (InMemoryCompiler compiler = new InMemoryCompiler(); NDManager parameters = NDManager.newBaseManager()) {
      SupernetBlock net = (SupernetBlock) compiler.compile(generated.block()).getDeclaredConstructor().newInstance();
      Shape input = new Shape(2, 2, 9, 9);
      net.initialize(parameters, DataType.FLOAT32, input);
      net.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
      int before = parameters.getManagedArrays().size();
      for (int[] path : java.util.Arrays.asList(null, new int[] {0, 0}, null, new int[] {1, 2})) {
        net.setPath(path);
        try (NDManager batch = parameters.newSubManager();
            ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
          NDArray out = net.forward(new ParameterStore(batch, false), new NDList(batch.randomNormal(input)), true).singletonOrThrow();
          collector.backward(out.sum());
        }
      }
      assertEquals(before, parameters.getManagedArrays().size(), "arrays left in the parameters' manager");
    }
  }

  @Test
  void aKernelThatChangesTheSizeIsRefusedNamingTheChoice() {
    Graph traced = Tracer.trace(new ValidKernel(), TensorShape.batchOf(1, 8, 8)).graph();
    IrException e = assertThrows(IrException.class, () -> SupernetGenerator.generate(traced, "ValidKernel"));
    assertTrue(e.getMessage().contains("value choice 'kernel'") && e.getMessage().contains("conv"), e.getMessage());
    assertTrue(e.getMessage().contains("shares weights only across one width")
        || e.getMessage().contains("give the kernel padding that keeps the size"), e.getMessage());
  }

  @Test
  void candidatesOfDifferentShapesAreRefusedNamingTheChoice() {
    Graph traced = Tracer.trace(new TestSpaces.Nested(), TensorShape.batchOf(8, 6, 6)).graph();
    IrException e = assertThrows(IrException.class, () -> SupernetGenerator.generate(traced, "Nested"));
    assertTrue(e.getMessage().contains("layer choice 'outer' gives outputs of different shapes [[N, 8, 6, 6], [N, 8, 8, 8]]"),
        e.getMessage());
  }

  @Test
  void aWidthThatASoftmaxReadsAcrossIsRefusedNamingTheChoiceAndNode() {
    Graph traced = Tracer.trace(new SoftmaxOverWidth(), TensorShape.batchOf(4)).graph();
    IrException e = assertThrows(IrException.class, () -> SupernetGenerator.generate(traced, "SoftmaxOverWidth"));
    assertTrue(e.getMessage().contains("softmax reads dimension 1 of 'fc', whose width follows value choice 'width'"), e.getMessage());
  }

  /** A softmax over a chosen number of features: masking the extra ones would still spread probability onto them. */
  @ModelWrapper
  public static final class SoftmaxOverWidth extends NasModule {
    final dev.jnas.nn.Linear fc = new dev.jnas.nn.Linear(4, ValueChoice.of(3, 6).label("width"));

    @Override
    public Tensor forward(Tensor x) {
      return dev.jnas.nn.F.softmax(fc.forward(x), 1);
    }
  }

  @Test
  void looseEndsAreRefused() {
    Graph traced = Tracer.trace(new TestSpaces.LooseEnds(), TensorShape.batchOf(8, 6, 6)).graph();
    IrException e = assertThrows(IrException.class, () -> SupernetGenerator.generate(traced, "LooseEnds"));
    assertTrue(e.getMessage().contains("Cell.Merge.ALL"), e.getMessage());
    // The check an experiment makes before it starts refuses alike, without writing the class.
    assertEquals(e.getMessage(), assertThrows(IrException.class, () -> SupernetGenerator.check(traced)).getMessage());
    SupernetGenerator.check(Tutorial.SPACE);
  }

  /** A kernel choice without padding: the output size follows the kernel. */
  @ModelWrapper
  public static final class ValidKernel extends NasModule {
    final Conv2d conv = new Conv2d(1, 4, ValueChoice.of(3, 5).label("kernel"));

    @Override
    public Tensor forward(Tensor x) {
      return conv.forward(x);
    }
  }

  static List<Sample> randomSamples(Graph space, int count, long seed) {
    Random random = new Random(seed);
    Set<Sample> out = new LinkedHashSet<>();
    for (int i = 0; i < count * 4 && out.size() < count; i++) {
      Map<String, Object> decisions = new LinkedHashMap<>();
      for (Choice c : space.choices()) {
        decisions.put(c.label(), c.candidates().get(random.nextInt(c.candidates().size())));
      }
      out.add(Mutators.sample(space, decisions));
    }
    return List.copyOf(out);
  }

  /** Each sample's frozen block, given the supernet's weights, equals the supernet on the sample's path. */
  static void assertPathsMatch(Graph space, String name, List<Sample> samples, Shape input, GeneratedSupernet supernet)
      throws Exception {
    List<GeneratedBlock> blocks = new ArrayList<>(List.of(supernet.block()));
    for (Sample s : samples) {
      blocks.add(BlockGenerator.generate(Mutators.freeze(space, s), name, s));
    }
    try (InMemoryCompiler compiler = new InMemoryCompiler(); NDManager manager = NDManager.newBaseManager()) {
      InMemoryCompiler.Result compiled = compiler.compile(blocks);
      assertEquals(List.of(), compiled.warnings(), name);
      SupernetBlock net = (SupernetBlock) compiled.classes().get(supernet.block().qualifiedName()).getDeclaredConstructor().newInstance();
      net.initialize(manager, DataType.FLOAT32, input);
      Random random = new Random(7);
      for (Pair<String, Parameter> p : net.getParameters()) {
        randomize(p.getValue(), random);
      }
      NDArray x = manager.randomNormal(input);
      for (int i = 0; i < samples.size(); i++) {
        Sample sample = samples.get(i);
        int[] path = supernet.path(sample);
        String where = name + " " + sample.toJson();
        net.setPath(path);
        float[] single = forward(net, x, manager);
        net.setPath(null);
        for (int k = 0; k < path.length; k++) {
          Parameter alpha = net.architectureParameters().get(k);
          float[] logits = new float[(int) alpha.getArray().size()];
          java.util.Arrays.fill(logits, -1e30f);
          logits[path[k]] = 0;
          alpha.getArray().set(logits);
        }
        float[] weighted = forward(net, x, manager);

        AbstractBlock frozen = compiled.classes().get(blocks.get(i + 1).qualifiedName()).getDeclaredConstructor().newInstance();
        frozen.initialize(manager, DataType.FLOAT32, input);
        copyWeights(supernet.layout(path), net, frozen, where);
        float[] expected = forward(frozen, x, manager);
        assertClose(expected, single, where + " (path)");
        assertClose(expected, weighted, where + " (one-hot weights)");
      }
    }
  }

  private static void randomize(Parameter p, Random random) {
    float[] values = new float[(int) p.getArray().size()];
    boolean variance = p.getName().contains("Var");
    for (int i = 0; i < values.length; i++) {
      values[i] = variance ? 0.5f + random.nextFloat() : random.nextFloat() - 0.5f;
    }
    p.getArray().set(values);
  }

  private static float[] forward(Block block, NDArray x, NDManager manager) {
    return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
  }

  private static void assertClose(float[] expected, float[] actual, String where) {
    assertEquals(expected.length, actual.length, where);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), where + ": element " + i);
    }
  }

  /** Sets every parameter of {@code frozen} from the supernet child the layout names, sliced. */
  static void copyWeights(List<GeneratedSupernet.SharedWeights> layout, Block supernet, Block frozen, String where) {
    Map<String, Block> sources = children(supernet);
    Map<String, GeneratedSupernet.SharedWeights> byNode = new HashMap<>();
    layout.forEach(w -> byNode.put(w.frozenNode(), w));
    children(frozen).forEach((node, target) -> {
      if (target.getParameters().isEmpty()) {
        return;
      }
      GeneratedSupernet.SharedWeights w = byNode.get(node);
      assertNotNull(w, where + ": no supernet weights for frozen node " + node + " in " + byNode.keySet());
      Block source = sources.get(w.supernetChild());
      assertNotNull(source, where + ": supernet has no child " + w.supernetChild());
      for (Pair<String, Parameter> p : target.getParameters()) {
        NDArray from = source.getParameters().get(p.getKey()).getArray();
        NDArray to = p.getValue().getArray();
        NDArray taps = from;
        if (w.kernel() > 0 && from.getShape().dimension() == 4) {
          long start = (from.getShape().get(2) - w.kernel()) / 2;
          taps = from.get(new ai.djl.ndarray.index.NDIndex(":, :, {}:{}, {}:{}", start, start + w.kernel(), start, start + w.kernel()));
        }
        to.set(slice(taps, w.outputs(), w.inputs(), to.getShape(), where + " " + node + "." + p.getKey()));
      }
    });
  }

  private static Map<String, Block> children(Block block) {
    Map<String, Block> out = new HashMap<>();
    for (Pair<String, Block> child : block.getChildren()) {
      out.put(child.getKey().replaceFirst("^\\d+", ""), child.getValue());
    }
    return out;
  }

  /** {@code from} restricted to rows {@code outputs} and columns {@code inputs} (null: all), as a flat array of {@code shape}. */
  private static float[] slice(NDArray from, int[] outputs, int[] inputs, Shape shape, String where) {
    Shape big = from.getShape();
    float[] data = from.toFloatArray();
    int[] rows = outputs != null && big.dimension() >= 1 ? outputs : range(big.dimension() >= 1 ? big.get(0) : 1);
    int[] cols = inputs != null && big.dimension() >= 2 ? inputs : range(big.dimension() >= 2 ? big.get(1) : 1);
    long inner = 1;
    for (int d = 2; d < big.dimension(); d++) {
      inner *= big.get(d);
    }
    long bigCols = big.dimension() >= 2 ? big.get(1) : 1;
    float[] out = new float[(int) (rows.length * cols.length * inner)];
    assertEquals(shape.size(), out.length, where + ": slicing " + big + " gives " + out.length + " entries for " + shape);
    int o = 0;
    for (int r : rows) {
      for (int c : cols) {
        for (long j = 0; j < inner; j++) {
          out[o++] = data[(int) ((r * bigCols + c) * inner + j)];
        }
      }
    }
    return out;
  }

  private static int[] range(long n) {
    int[] out = new int[(int) n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
