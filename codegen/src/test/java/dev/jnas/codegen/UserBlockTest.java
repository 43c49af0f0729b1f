package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.jnas.ir.Analysis;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.DjlBlock;
import dev.jnas.nn.FixedArchitecture;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.SpaceException;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.ValueChoice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's own DJL block as a leaf of a space: traced, shape-checked by DJL, generated, compiled, run on both engines. */
public class UserBlockTest {
  /** A residual bottleneck written by a user against DJL alone: x + conv1x1(relu(conv1x1(x))). */
  public static class Bottleneck extends AbstractBlock {
    private final Conv2d reduce;
    private final Conv2d expand;

    public Bottleneck(int channels, int hidden) {
      reduce = addChildBlock("reduce", Conv2d.builder().setKernelShape(new ai.djl.ndarray.types.Shape(1, 1)).setFilters(hidden).build());
      expand = addChildBlock("expand", Conv2d.builder().setKernelShape(new ai.djl.ndarray.types.Shape(1, 1)).setFilters(channels).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      NDArray h = Activation.relu(reduce.forward(store, new NDList(x), training).singletonOrThrow());
      return new NDList(x.add(expand.forward(store, new NDList(h), training).singletonOrThrow()));
    }

    @Override
    public ai.djl.ndarray.types.Shape[] getOutputShapes(ai.djl.ndarray.types.Shape[] inputs) {
      return new ai.djl.ndarray.types.Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, ai.djl.ndarray.types.Shape... inputs) {
      reduce.initialize(manager, type, inputs[0]);
      expand.initialize(manager, type, reduce.getOutputShapes(inputs)[0]);
    }
  }

  @ModelWrapper
  public static class WithUserBlock extends NasModule {
    final ValueChoice<Integer> hidden = ValueChoice.of(4, 16);
    final LayerChoice block = new LayerChoice(Map.of(
        "bottleneck", new DjlBlock(Bottleneck.class, 8, hidden),
        "conv", new dev.jnas.nn.Conv2d(8, 8, 3).padding(1)));

    @Override public Tensor forward(Tensor x) {
      return block.forward(x);
    }
  }

  private static final TensorShape INPUT = TensorShape.batchOf(8, 5, 5);

  @Test
  void aUserBlockInsideALayerChoiceRunsOnBothEngines() throws Exception {
    Graph space = Tracer.trace(new WithUserBlock(), INPUT).graph();
    assertEquals(3, SearchSpace.of(space).size()); // bottleneck x 2 widths, conv
    Sample sample = Mutators.sample(space, Map.of("block", "bottleneck", "hidden", 16));
    Graph base = Mutators.freeze(space, sample);
    Graph pure = Tracer.trace(FixedArchitecture.instantiate(WithUserBlock::new, sample.decisions()), INPUT).graph();
    assertEquals(pure.toString(), base.toString());
    assertTrue(base.toString().contains("userBlock(x, type=\"" + Bottleneck.class.getName() + "\", args=[8, 16])"), base.toString());
    long params = (8 * 16 + 16) + (16 * 8 + 8);
    assertEquals(params, Analysis.of(base).params());

    GeneratedBlock generated = BlockGenerator.generate(base, "WithUserBlock", sample);
    assertTrue(generated.source().contains("Depends on user blocks (compile and run with them on the class path): "
        + Bottleneck.class.getName()), generated.source());
    try (InMemoryCompiler compiler = new InMemoryCompiler(); NDManager manager = NDManager.newBaseManager()) {
      InMemoryCompiler.Result result = compiler.compile(List.of(generated));
      assertEquals(List.of(), result.warnings());
      AbstractBlock net = result.classes().get(generated.qualifiedName()).getDeclaredConstructor().newInstance();
      ai.djl.ndarray.types.Shape input = new ai.djl.ndarray.types.Shape(2, 8, 5, 5);
      net.initialize(manager, DataType.FLOAT32, input);
      assertEquals(params, net.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum());
      NDArray out = net.forward(new ParameterStore(manager, false), new NDList(manager.ones(input)), false).singletonOrThrow();
      assertEquals(input, out.getShape());
      UnsupportedOperationException onnx = assertThrows(UnsupportedOperationException.class,
          () -> OnnxExporter.export(base, net, generated.architectureHash()));
      assertTrue(onnx.getMessage().contains("user block " + Bottleneck.class.getName()), onnx.getMessage());
    }
  }

  @ModelWrapper
  public static class WrongArguments extends NasModule {
    final DjlBlock block = new DjlBlock(Bottleneck.class, 8);

    @Override public Tensor forward(Tensor x) {
      return block.forward(x);
    }
  }

  static final class Hidden extends Bottleneck {
    Hidden() {
      super(8, 8);
    }
  }

  @Test
  void aBlockTheGeneratedCodeCannotReachIsRefusedAtOnce() {
    SpaceException e = assertThrows(SpaceException.class, () -> new DjlBlock(Hidden.class));
    assertTrue(e.getMessage().contains("must be public"), e.getMessage());
  }

  @Test
  void aBlockWithoutAMatchingConstructorFailsTheTraceByName() {
    SpaceException e = assertThrows(SpaceException.class, () -> Tracer.trace(new WrongArguments(), INPUT));
    assertTrue(e.getMessage().contains("has no public constructor taking [8]"), e.getMessage());
  }
}
