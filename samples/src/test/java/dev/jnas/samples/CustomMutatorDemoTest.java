package dev.jnas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExecutionEngine;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.Trial;
import dev.jnas.engine.TrialState;
import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.TensorShape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Tracer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomMutatorDemoTest {
  @Test
  void theCustomMutatorWidensTheSpaceAndItsChoiceReachesTheGeneratedBlock() throws Exception {
    Graph space = Tracer.trace(new ModelSpace(), TensorShape.batchOf(1, 28, 28)).graph();
    assertEquals(18 * 3 * 3, Mutators.dryRun(space, List.of(new ActivationMutator())).size());
    Graph frozen = CustomMutatorDemo.run(Map.of("conv2", 0, "dropout1.p", 0.25, "feature", 64,
        "relu.activation", "gelu", "relu_1.activation", "swish"));
    assertEquals("gelu", frozen.node("relu").orElseThrow().op().kind());
    assertEquals("swish", frozen.node("relu_1").orElseThrow().op().kind());
    assertTrue(frozen.isFrozen());
  }

  @Test
  void theSameMutatorRunsInAnExperimentAndItsChoicesAreInEverySample(@TempDir Path dir) {
    NasExperiment exp = CustomMutatorDemo.experiment(dir, ExecutionEngine.PURE);
    assertEquals(2, exp.trials().size());
    for (Trial t : exp.trials()) {
      assertEquals(TrialState.SUCCEEDED, t.state(), t.toString());
      assertTrue(t.sample().decisions().keySet().containsAll(List.of("relu.activation", "relu_1.activation")), t.sample().toString());
    }
  }

  @Test
  void itsDecisionsAreValidated() {
    Graph space = Tracer.trace(new ModelSpace(), TensorShape.batchOf(1, 28, 28)).graph();
    IrException e = assertThrows(IrException.class, () -> Mutators.sample(space, Map.of("conv2", 0, "dropout1.p", 0.25,
        "feature", 64, "relu.activation", "tanh", "relu_1.activation", "relu"), List.of(new ActivationMutator())));
    assertTrue(e.getMessage().contains("decision \"tanh\" for 'relu.activation' is not among its candidates"), e.getMessage());
  }
}
