package dev.jnas.mutators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.Analysis;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.ShapeCheck;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.FixedArchitecture;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.EveryChoiceSpace;
import dev.jnas.nn.spaces.TestSpaces;
import dev.jnas.nn.spaces.TutorialSpace;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two execution paths agree: applying the mutators to a traced space (BASE) prints the same
 * IR as tracing the fixed-architecture instance (PURE).
 */
class ParityTest {
  private static final TensorShape IMAGE = TensorShape.batchOf(8, 16, 16);

  private static void assertParity(Graph traced, Supplier<? extends NasModule> space, TensorShape input, Map<String, Object> decisions) {
    Sample sample = Mutators.sample(traced, decisions);
    Graph base = Mutators.freeze(traced, sample);
    Graph pure = Tracer.trace(FixedArchitecture.instantiate(space::get, sample.decisions()), input).graph();
    assertEquals(pure.toString(), base.toString(), () -> "sample " + sample);
    assertEquals(pure, base);
    assertTrue(base.isFrozen());
  }

  @Test
  void allEighteenTutorialSamples() {
    Graph traced = Tracer.trace(new TutorialSpace(), TensorShape.batchOf(1, 28, 28)).graph();
    List<Decisions> all = ShapeCheck.assignments(traced.choices());
    assertEquals(18, all.size());
    Set<Sample> distinct = new HashSet<>();
    for (Decisions d : all) {
      assertParity(traced, TutorialSpace::new, TensorShape.batchOf(1, 28, 28), d.byLabel());
      distinct.add(Mutators.sample(traced, d.byLabel()));
    }
    assertEquals(18, distinct.size());
  }

  @Test
  void anUnpickedBranchIsDroppedOnBothEngines() {
    // Regression: the frozen graph kept b, which was generated, trained and counted (144 parameters, not 40).
    TensorShape input = TensorShape.batchOf(1, 8, 8);
    Graph traced = Tracer.trace(new TestSpaces.TwoBranches(), input).graph();
    Map<String, Object> decisions = Map.of("pick", List.of(0));
    assertParity(traced, TestSpaces.TwoBranches::new, input, decisions);
    Graph frozen = Mutators.freeze(traced, Mutators.sample(traced, decisions));
    assertTrue(frozen.node("b").isEmpty(), frozen::toString);
    assertEquals(40, Analysis.of(frozen).params());
  }

  static Stream<Arguments> spaces() {
    return Stream.of(
        Arguments.of("every choice", (Supplier<NasModule>) EveryChoiceSpace::new, TensorShape.batchOf(3, 32, 32)),
        Arguments.of("nested", (Supplier<NasModule>) TestSpaces.Nested::new, IMAGE),
        Arguments.of("shared", (Supplier<NasModule>) TestSpaces.Shared::new, IMAGE),
        Arguments.of("expressions", (Supplier<NasModule>) TestSpaces.Expressions::new, IMAGE),
        Arguments.of("inputs", (Supplier<NasModule>) TestSpaces.Inputs::new, IMAGE),
        Arguments.of("repeats", (Supplier<NasModule>) TestSpaces.Repeats::new, IMAGE),
        Arguments.of("cell", (Supplier<NasModule>) TestSpaces.Darts::new, IMAGE),
        Arguments.of("loose ends", (Supplier<NasModule>) TestSpaces.LooseEnds::new, IMAGE),
        Arguments.of("layer choice in a chosen-depth repeat", (Supplier<NasModule>) TestSpaces.ChoiceInChosenRepeat::new, IMAGE),
        Arguments.of("cell in a chosen-depth repeat", (Supplier<NasModule>) TestSpaces.CellInChosenRepeat::new, IMAGE),
        Arguments.of("shared layers", (Supplier<NasModule>) TestSpaces.SharedLayers::new, IMAGE),
        Arguments.of("flexible inputs", (Supplier<NasModule>) TestSpaces.FlexibleInputs::new, IMAGE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spaces")
  void fiftyRandomSamples(String name, Supplier<NasModule> space, TensorShape input) {
    Graph traced = Tracer.trace(space.get(), input).graph();
    Random random = new Random(name.hashCode());
    for (int i = 0; i < 50; i++) {
      Map<String, Object> decisions = new LinkedHashMap<>();
      for (Choice c : traced.choices()) {
        decisions.put(c.label(), c.candidates().get(random.nextInt(c.candidates().size())));
      }
      assertParity(traced, space, input, decisions);
    }
  }
}
