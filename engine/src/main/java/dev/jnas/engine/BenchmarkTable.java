package dev.jnas.engine;

import dev.jnas.ir.Sample;
import dev.jnas.runtime.Evaluator;
import dev.jnas.runtime.Nas;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A tabular benchmark: the metric of every architecture of a space, measured once, so strategies
 * can be compared without training (as NNI's benchmark engine does with NAS-Bench-201). Lines are
 * {@code sample-json TAB metric [TAB ...]}; lines starting with # and the header are skipped.
 */
public final class BenchmarkTable implements Serializable {
  private static final long serialVersionUID = 1L;

  private final transient Map<Sample, Double> metrics;

  private BenchmarkTable(Map<Sample, Double> metrics) {
    this.metrics = Collections.unmodifiableMap(metrics);
  }

  /** Travels (inside its evaluator, to a worker JVM) as its lines. */
  private Object writeReplace() {
    List<String> lines = new ArrayList<>();
    metrics.forEach((sample, metric) -> lines.add(sample.toJson() + "\t" + metric));
    return new Lines(lines);
  }

  /** A table in its text form, read back where it lands. */
  private record Lines(List<String> lines) implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object readResolve() {
      return parse(lines);
    }
  }

  public static BenchmarkTable parse(List<String> lines) {
    Map<Sample, Double> metrics = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#") || line.startsWith("sample\t")) {
        continue;
      }
      String[] fields = line.split("\t");
      if (fields.length < 2) {
        throw new IllegalArgumentException("benchmark line " + (i + 1) + " needs a sample and a metric: " + line);
      }
      metrics.put(Sample.fromJson(fields[0]), Double.parseDouble(fields[1]));
    }
    return new BenchmarkTable(metrics);
  }

  /** Reads a table shipped as a class-path resource, such as {@code /benchmarks/mnist-192.tsv}. */
  public static BenchmarkTable resource(String name) {
    try (InputStream in = BenchmarkTable.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no benchmark table " + name + " on the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int size() {
    return metrics.size();
  }

  public OptionalDouble metric(Sample sample) {
    Double m = metrics.get(sample);
    return m == null ? OptionalDouble.empty() : OptionalDouble.of(m);
  }

  /** The best metric in the table under {@code mode}. */
  public double best(OptimizeMode mode) {
    return metrics.get(bestSample(mode));
  }

  /** The architecture with the best metric under {@code mode} (the first in the table of equals). */
  public Sample bestSample(OptimizeMode mode) {
    return metrics.entrySet().stream().sorted((a, b) -> mode.compareBestFirst(a.getValue(), b.getValue())).findFirst().orElseThrow()
        .getKey();
  }

  /** An evaluator that looks the trial's architecture up instead of training it (for ExecutionEngine.BENCHMARK). */
  public Evaluator evaluator() {
    return models -> {
      Sample sample = Sample.of(models.sample());
      Nas.reportFinalResult(metric(sample).orElseThrow(() ->
          new IllegalArgumentException("the benchmark table has no architecture " + sample.toJson())));
    };
  }
}
