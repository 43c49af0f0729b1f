package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import dev.jnas.ir.Sample;
import dev.jnas.testkit.Golden;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GeneratedSourceTest {
  @ParameterizedTest(name = "conv2={0}, dropout1.p={1}, feature={2}")
  @CsvSource({"0, 0.25, 128, tutorial-conv", "1, 0.5, 256, tutorial-separable"})
  void goldenSourcesCompileWithoutWarningsAndRun(int conv2, double p, int feature, String golden) throws Exception {
    Sample sample = Tutorial.sample(conv2, p, feature);
    GeneratedBlock block = Tutorial.generate(sample);
    Golden.check(golden + ".java", block.source());
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      InMemoryCompiler.Result result = compiler.compile(List.of(block));
      assertEquals(List.of(), result.warnings());
      AbstractBlock net = result.classes().get(block.qualifiedName()).getDeclaredConstructor().newInstance();
      try (NDManager manager = NDManager.newBaseManager()) {
        net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
        NDArray out = net.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1, new Shape(2, 1, 28, 28))), false)
            .singletonOrThrow();
        assertEquals(new Shape(2, 10), out.getShape());
        assertEquals(new Shape(2, 10), net.getOutputShapes(new Shape[] {new Shape(2, 1, 28, 28)})[0]);
        // log-softmax rows exponentiate to probability distributions
        NDArray sums = out.exp().sum(new int[] {1});
        for (float s : sums.toFloatArray()) {
          assertEquals(1f, s, 1e-4);
        }
      }
    }
  }

  @Test
  void theSameSampleGivesByteIdenticalSource() {
    Sample sample = Tutorial.sample(1, 0.75, 64);
    assertEquals(Tutorial.generate(sample).source(), Tutorial.generate(Sample.fromJson(sample.toJson())).source());
  }

  @Test
  void theSourceImportsOnlyDjlAndTheJdk() {
    String source = Tutorial.generate(Tutorial.sample(1, 0.5, 256)).source();
    Matcher imports = Pattern.compile("^import ([\\w.]+);", Pattern.MULTILINE).matcher(source);
    int count = 0;
    while (imports.find()) {
      assertTrue(imports.group(1).startsWith("ai.djl.") || imports.group(1).startsWith("java."), imports.group(1));
      count++;
    }
    assertTrue(count > 5, source);
  }

  @Test
  void rejectedSourceComesBackWithItsDiagnosticsAndListing() {
    GeneratedBlock good = Tutorial.generate(Tutorial.sample(0, 0.25, 64));
    GeneratedBlock broken = new GeneratedBlock(good.packageName(), good.className(),
        good.source().replace("Activation.relu(", "Activation.rectify("), good.architectureHash());
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      CompilationException e = assertThrows(CompilationException.class, () -> compiler.compile(List.of(broken)));
      assertTrue(e.diagnostics().get(0).contains("cannot find symbol"), e.getMessage());
      assertTrue(e.diagnostics().get(0).contains(good.className() + ".java:"), e.getMessage());
      assertTrue(e.getMessage().contains("Activation.rectify("), "the listing shows the source");
    }
  }

  @Test
  void theFirstLineOfARejectionQuotesJavacsFirstErrorWithItsPosition() {
    GeneratedBlock good = Tutorial.generate(Tutorial.sample(0, 0.25, 64));
    GeneratedBlock broken = new GeneratedBlock(good.packageName(), good.className(),
        good.source().replace("Activation.relu(", "Activation.rectify("), good.architectureHash());
    List<String> lines = broken.source().lines().toList();
    int line = 0;
    while (!lines.get(line).contains("Activation.rectify(")) {
      line++;
    }
    int call = lines.get(line).indexOf("Activation.rectify(");
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      CompilationException e = assertThrows(CompilationException.class, () -> compiler.compile(List.of(broken)));
      String headline = e.getMessage().lines().findFirst().orElseThrow();
      Matcher m = Pattern.compile("javac rejected generated source: (\\S+)\\.java:(\\d+):(\\d+): cannot find symbol").matcher(headline);
      assertTrue(m.matches(), headline);
      assertEquals(good.className(), m.group(1), headline);
      assertEquals(line + 1, Integer.parseInt(m.group(2)), headline);
      int column = Integer.parseInt(m.group(3)) - 1;
      assertTrue(column >= call && column < call + "Activation.rectify".length(), headline + " vs " + lines.get(line));
      assertEquals(headline, "javac rejected generated source: " + e.firstError());
      assertTrue(e.getMessage().contains("symbol:   method rectify(ai.djl.ndarray.NDArray)"), "javac's full diagnostic follows: " + e.getMessage());
      assertTrue(e.getMessage().contains("Activation.rectify("), "the listing follows");
    }
  }

  @Test
  void eachBlockGetsItsOwnClassLoader() throws Exception {
    GeneratedBlock a = Tutorial.generate(Tutorial.sample(0, 0.25, 64));
    GeneratedBlock b = Tutorial.generate(Tutorial.sample(1, 0.25, 64));
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      var classes = compiler.compile(List.of(a, b)).classes();
      assertTrue(classes.get(a.qualifiedName()).getClassLoader() != classes.get(b.qualifiedName()).getClassLoader());
      // compiling the same class again (a second trial of one architecture) does not collide
      var again = compiler.compile(a);
      assertTrue(again != classes.get(a.qualifiedName()));
      assertEquals(a.qualifiedName(), again.getName());
    }
  }
}
