package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.FixedArchitecture;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.NestingSpaces;
import dev.jnas.nn.spaces.NestingSpaces.Container;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every kind of choice nested in every other (and a value choice innermost, so three levels):
 * each space is traced, three random architectures are frozen on both engines (BASE mutates the
 * traced space, PURE traces the fixed instance) with identical IR, then generated, compiled in
 * one javac run, and run forward on DJL.
 */
class NestingMatrixTest {
  private static final TensorShape INPUT = TensorShape.batchOf(8, 6, 6);

  @Test
  void everyPairOfChoiceKindsNestsOnBothEngines() throws Exception {
    List<GeneratedBlock> blocks = new ArrayList<>();
    int spaces = 0;
    for (Container outer : Container.values()) {
      List<Container> inners = new ArrayList<>(List.of(Container.values()));
      inners.add(null); // the value choice alone
      for (Container inner : inners) {
        String name = outer + "_" + (inner == null ? "VALUE" : inner);
        Supplier<NasModule> space = NestingSpaces.space(outer, inner);
        Graph traced = Tracer.trace(space.get(), INPUT).graph();
        SearchSpace counted = SearchSpace.of(traced);
        assertEquals(counted.size(), SearchSpace.architectures(traced, 100_000).size(), name);
        Random random = new Random(name.hashCode());
        Set<Sample> samples = new LinkedHashSet<>();
        for (int i = 0; i < 3; i++) {
          Map<String, Object> decisions = new LinkedHashMap<>();
          for (Choice c : traced.choices()) {
            decisions.put(c.label(), c.candidates().get(random.nextInt(c.candidates().size())));
          }
          samples.add(Mutators.sample(traced, decisions));
        }
        for (Sample sample : samples) {
          Graph base = Mutators.freeze(traced, sample);
          Graph pure = Tracer.trace(FixedArchitecture.instantiate(space::get, sample.decisions()), INPUT).graph();
          assertEquals(pure.toString(), base.toString(), () -> name + " " + sample);
          blocks.add(BlockGenerator.generate(base, "Nest_" + name + "_" + blocks.size(), sample));
        }
        spaces++;
      }
    }
    assertEquals(6 * 7, spaces);
    try (InMemoryCompiler compiler = new InMemoryCompiler(); NDManager manager = NDManager.newBaseManager()) {
      InMemoryCompiler.Result result = compiler.compile(blocks);
      assertEquals(List.of(), result.warnings());
      ai.djl.ndarray.types.Shape input = new ai.djl.ndarray.types.Shape(2, 8, 6, 6);
      for (GeneratedBlock block : blocks) {
        AbstractBlock net = result.classes().get(block.qualifiedName()).getDeclaredConstructor().newInstance();
        net.initialize(manager, DataType.FLOAT32, input);
        NDArray out = net.forward(new ParameterStore(manager, false), new NDList(manager.ones(input)), false).singletonOrThrow();
        assertEquals(input, out.getShape(), block.qualifiedName());
        assertTrue(out.isInfinite().logicalNot().all().getBoolean(), block.qualifiedName());
      }
    }
  }
}
