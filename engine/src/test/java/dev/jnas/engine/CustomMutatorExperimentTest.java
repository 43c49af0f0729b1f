package dev.jnas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.jnas.engine.cli.Jnas;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.store.TrialArchitecture;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.engine.strategy.RandomStrategy;
import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Sample;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.op.GeluOp;
import dev.jnas.ir.op.ReluOp;
import dev.jnas.ir.op.SwishOp;
import dev.jnas.mutators.Mutator;
import dev.jnas.mutators.PlaceholderMutator;
import dev.jnas.nn.Tracer;
import dev.jnas.nn.spaces.PlaceholderSpace;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.ModelFactory;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NasExperiment with custom mutators filling placeholders, on both engines. */
class CustomMutatorExperimentTest {
  @TempDir Path dir;

  private static final Mutator STEM = PlaceholderMutators.STEM;
  private static final Mutator ACT = PlaceholderMutators.ACT;

  private ExperimentConfig config(ExecutionEngine engine, TrainingServiceKind service, int trials) {
    return ExperimentConfig.local().trainingService(service).experimentName("custom-" + engine).maxTrialNumber(trials)
        .trialConcurrency(1).inputShape(1, 8, 8).executionEngine(engine).experimentDir(dir.resolve(engine.name())).seed(3);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  /**
   * Runs the block on a batch of seeded noise and reports 1 / (1 + its loss). Static, so it travels
   * to a worker JVM. (It does not train: a few plain SGD steps here gave a NaN loss now and then for
   * one architecture and the same data, which is DJL's matter, not this test's.)
   */
  static void lossOnNoise(ModelFactory models) {
    Block block = models.newBlock();
    try (NDManager manager = NDManager.newBaseManager()) {
      java.util.Random noise = new java.util.Random(Nas.trialId());
      float[] pixels = new float[16 * 8 * 8];
      float[] labels = new float[16];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = noise.nextFloat();
      }
      for (int i = 0; i < labels.length; i++) {
        labels[i] = noise.nextInt(10);
      }
      block.initialize(manager, DataType.FLOAT32, new Shape(16, 1, 8, 8));
      NDArray out = block.forward(new ParameterStore(manager, false), new NDList(manager.create(pixels, new Shape(16, 1, 8, 8))), false)
          .singletonOrThrow();
      float loss = Loss.softmaxCrossEntropyLoss("loss", 1, -1, true, false)
          .evaluate(new NDList(manager.create(labels, new Shape(16))), new NDList(out)).getFloat();
      Nas.reportFinalResult(1 / (1 + loss));
    }
  }

  @Test
  void customMutatorsFillPlaceholdersOnBothEnginesAndTheirChoicesAreStoredExportedAndGenerated() throws Exception {
    Map<ExecutionEngine, List<Trial>> runs = new EnumMap<>(ExecutionEngine.class);
    // BASE in this JVM; PURE in a worker JVM, which gets the frozen IR and classes, never the (unserializable) mutators.
    for (ExecutionEngine engine : List.of(ExecutionEngine.BASE, ExecutionEngine.PURE)) {
      TrainingServiceKind service = engine == ExecutionEngine.BASE ? TrainingServiceKind.IN_PROCESS : TrainingServiceKind.LOCAL;
      NasExperiment exp = new NasExperiment(new PlaceholderSpace(), new FunctionalEvaluator(CustomMutatorExperimentTest::lossOnNoise),
          List.of(STEM, ACT), new GridSearchStrategy().shuffle(true)).progress(quiet());
      exp.run(config(engine, service, 3));
      List<Trial> trials = exp.trials();
      assertEquals(3, trials.size(), engine + ": " + exp.stopReason());
      assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), () -> engine + ": " + trials);
      runs.put(engine, trials);

      ExperimentView view = NasExperiment.view(exp.experimentDir());
      assertTrue(view.searchSpace().startsWith("16 architectures"), view.searchSpace());
      assertEquals(List.of(new Choice("stem", ChoiceKind.LAYER, List.of("conv3", "conv1")), new Choice("act", ChoiceKind.LAYER, List.of("relu", "gelu"))),
          view.customChoices());
      for (ExperimentStore.StoredTrial t : view.trials()) {
        assertEquals(List.of("branch", "hidden", "stem", "act"), List.copyOf(t.sample().decisions().keySet()), engine + ": stored sample");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> best = (Map<String, Object>) exp.exportTopModels(1, Formatter.DICT).get(0);
      assertTrue(best.containsKey("stem") && best.containsKey("act"), best.toString());
      String code = (String) exp.exportTopModels(1, Formatter.CODE).get(0);
      assertTrue(code.contains("    NDArray act = Activation." + best.get("act") + "(stem);\n"), code);
      int kernel = best.get("stem").equals("conv3") ? 3 : 1;
      assertTrue(code.contains("stem = addChildBlock(\"stem\", Conv2d.builder().setKernelShape(new Shape(" + kernel + ", " + kernel + "))"), code);
    }
    for (int i = 0; i < 3; i++) {
      Trial base = runs.get(ExecutionEngine.BASE).get(i);
      Trial pure = runs.get(ExecutionEngine.PURE).get(i);
      assertEquals(base.sample(), pure.sample());
      assertEquals(base.architecture(), pure.architecture(), "trial " + base.id() + " ran one architecture on both engines");
      assertEquals(source(base), source(pure));
    }
  }

  @Test
  void aRecordedExperimentExportsWithoutItsMutators() throws Exception {
    NasExperiment exp = new NasExperiment(new PlaceholderSpace(), new FunctionalEvaluator(m -> Nas.reportFinalResult(Nas.trialId())),
        List.of(STEM, ACT), new RandomStrategy().dedup(true)).progress(quiet());
    exp.run(config(ExecutionEngine.BASE, TrainingServiceKind.IN_PROCESS, 2));
    Trial top = exp.trials().get(1);
    Graph recorded = TrialArchitecture.read(top.outputDir(), "", top.sample());
    assertTrue(recorded.isFrozen());
    String expected = (String) exp.exportTopModels(1, Formatter.CODE).get(0);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Jnas.execute(new PrintWriter(out, true), new PrintWriter(err, true), "export", exp.experimentDir().toString(), "--format", "code");
    assertEquals(0, code, err.toString());
    assertEquals(expected, Files.readString(Path.of(out.toString().trim())));
  }

  @Test
  void aCustomLabelThatIsAModelLabelIsRefusedAtTheStartNamingBoth() {
    Mutator clash = new PlaceholderMutator("conv2").candidate("relu", p -> new ReluOp());
    Mutator renamed = new Mutator() {
      @Override
      public List<Choice> choices(Graph graph) {
        return List.of(new Choice("conv2", ChoiceKind.LAYER, List.of("a", "b")));
      }

      @Override
      public Graph apply(Graph graph, Sample sample) {
        return graph;
      }
    };
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(m -> Nas.reportFinalResult(1)),
        List.of(renamed), new RandomStrategy()).progress(quiet());
    IrException e = assertThrows(IrException.class,
        () -> exp.run(config(ExecutionEngine.BASE, TrainingServiceKind.IN_PROCESS, 2).inputShape(1, 28, 28)));
    assertTrue(e.getMessage().startsWith("label 'conv2' is used twice: by the model's layer choice 'conv2' [0, 1] and by custom mutator "
        + CustomMutatorExperimentTest.class.getName() + "$1's layer choice 'conv2' [\"a\", \"b\"]"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("BASE").resolve(ExperimentStore.FILE)), "nothing was recorded");
    assertTrue(clash.choices(Tracer.trace(new TutorialSpace(), TensorShape.batchOf(1, 28, 28)).graph()).isEmpty(),
        "a placeholder mutator declares its choice only where its placeholders are");
  }

  @Test
  void aPlaceholderWithoutAMutatorFailsTheStart() {
    NasExperiment exp = new NasExperiment(new PlaceholderSpace(), new FunctionalEvaluator(m -> Nas.reportFinalResult(1)),
        List.of(STEM), new RandomStrategy()).progress(quiet());
    IrException e = assertThrows(IrException.class,
        () -> exp.run(config(ExecutionEngine.PURE, TrainingServiceKind.IN_PROCESS, 2)));
    assertTrue(e.getMessage().startsWith("act: placeholder 'act' is still there after the custom mutators (given PlaceholderMutator): no custom"
        + " mutator declares a choice 'act'"), e.getMessage());
  }

  @Test
  void aResumeWithOtherMutatorsAndTheBenchmarkEngineAreRefused() {
    NasExperiment first = new NasExperiment(new PlaceholderSpace(), new FunctionalEvaluator(m -> Nas.reportFinalResult(1)),
        List.of(STEM, ACT), new RandomStrategy()).progress(quiet());
    first.run(config(ExecutionEngine.BASE, TrainingServiceKind.IN_PROCESS, 1));
    Mutator wider = new PlaceholderMutator("act").candidate("relu", p -> new ReluOp()).candidate("gelu", p -> new GeluOp())
        .candidate("swish", p -> new SwishOp());
    NasExperiment other = new NasExperiment(new PlaceholderSpace(), new FunctionalEvaluator(m -> Nas.reportFinalResult(1)),
        List.of(STEM, wider), new RandomStrategy()).progress(quiet());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.resume(first.experimentDir()));
    assertTrue(e.getMessage().endsWith("was started with custom mutators adding [stem [\"conv3\", \"conv1\"], act [\"relu\", \"gelu\"]],"
        + " but this one's add [stem [\"conv3\", \"conv1\"], act [\"relu\", \"gelu\", \"swish\"]]; resume it with the custom mutators"
        + " it was started with"), e.getMessage());

    NasExperiment benchmark = new NasExperiment(new PlaceholderSpace(), new FunctionalEvaluator(m -> Nas.reportFinalResult(1)),
        List.of(STEM, ACT), new RandomStrategy()).progress(quiet());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> benchmark.run(config(ExecutionEngine.BENCHMARK, TrainingServiceKind.IN_PROCESS, 1)));
    assertTrue(refused.getMessage().startsWith("custom mutators need the BASE or PURE engine"), refused.getMessage());
  }

  private static String source(Trial t) throws java.io.IOException {
    try (var files = Files.list(t.outputDir())) {
      return Files.readString(files.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow());
    }
  }
}
