package dev.jnas.samples;

import dev.jnas.codegen.BlockGenerator;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.ShapeCheck;
import dev.jnas.ir.Shape;
import dev.jnas.mutators.Mutators;
import dev.jnas.nn.Tracer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures the compiler's overhead per architecture on the tutorial space, warm: sample, freeze,
 * generate, compile alone, instantiate; prints median and p90 in milliseconds. A first cut of the
 * engine issue's {@code bench}.
 */
public final class CompilerOverhead {
  private CompilerOverhead() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    Graph space = Tracer.trace(new ModelSpace(), Shape.batchOf(1, 28, 28)).graph();
    List<Decisions> all = ShapeCheck.assignments(space.choices());
    List<Double> freeze = new ArrayList<>();
    List<Double> generate = new ArrayList<>();
    List<Double> compile = new ArrayList<>();
    List<Double> total = new ArrayList<>();
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      for (int round = 0; round < rounds; round++) {
        for (Decisions d : all) {
          long t0 = System.nanoTime();
          Sample sample = Mutators.sample(space, d.byLabel());
          Graph frozen = Mutators.freeze(space, sample);
          long t1 = System.nanoTime();
          GeneratedBlock block = BlockGenerator.generate(frozen, "ModelSpace", sample);
          long t2 = System.nanoTime();
          compiler.compile(block).getDeclaredConstructor().newInstance();
          long t3 = System.nanoTime();
          if (round >= rounds / 2) {
            freeze.add((t1 - t0) / 1e6);
            generate.add((t2 - t1) / 1e6);
            compile.add((t3 - t2) / 1e6);
            total.add((t3 - t0) / 1e6);
          }
        }
      }
    }
    System.out.printf("per architecture, warm, %d samples (ms):%n", total.size());
    print("sample + freeze", freeze);
    print("generate source", generate);
    print("compile + load + new", compile);
    print("total", total);
  }

  private static void print(String what, List<Double> ms) {
    List<Double> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    System.out.printf("  %-22s median %7.2f  p90 %7.2f%n", what, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)));
  }
}
