package dev.jnas.samples;

import static dev.jnas.nn.F.relu;

import dev.jnas.ir.SearchSpace;
import dev.jnas.ir.TensorShape;
import dev.jnas.nn.Cell;
import dev.jnas.nn.Conv2d;
import dev.jnas.nn.Identity;
import dev.jnas.nn.MaxPool2d;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.TracedSpace;
import dev.jnas.nn.Tracer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How tracing scales with the size of a space: DARTS-style cells from 54 to 3.2e+37 architectures,
 * each traced, counted exactly and shape-checked (every candidate in a context where it is active),
 * timed as the median of several runs and as a ratio to the smallest cell in the same run. The
 * cost follows the number of nodes and candidates, not the number of architectures. Arguments:
 * repetitions (default 7).
 */
public final class SpaceScaleBenchmark {
  /** One cell space: its nodes, ops per node, and what tracing it costs. */
  record Row(int nodes, int opsPerNode, SearchSpace space, double millis) {}

  private static final TensorShape INPUT = TensorShape.batchOf(8, 8, 8);
  private static final int[][] CELLS = {{2, 1}, {3, 2}, {4, 2}, {6, 3}, {8, 4}};

  private SpaceScaleBenchmark() {}

  public static void main(String[] args) {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    List<Row> rows = run(repetitions);
    System.out.println("| cell (nodes x ops per node) | architectures | choices | trace + count + check, ms (median of "
        + repetitions + ") | ratio to the smallest |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Row r : rows) {
      System.out.printf("| %d x %d | %s | %d | %.1f | %.1f |%n", r.nodes(), r.opsPerNode(), SearchSpace.describe(r.space().count()),
          r.space().choices().size(), r.millis(), r.millis() / rows.get(0).millis());
    }
  }

  /** Traces each cell {@code repetitions} times (after one warm-up) and keeps the median time. */
  static List<Row> run(int repetitions) {
    List<Row> rows = new ArrayList<>();
    for (int[] cell : CELLS) {
      Tracer.trace(new CellSpace(cell[0], cell[1]), INPUT); // warm-up: class loading, JIT
      double[] times = new double[repetitions];
      TracedSpace traced = null;
      for (int i = 0; i < repetitions; i++) {
        long start = System.nanoTime();
        traced = Tracer.trace(new CellSpace(cell[0], cell[1]), INPUT);
        times[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(times);
      rows.add(new Row(cell[0], cell[1], traced.searchSpace(), times[repetitions / 2]));
    }
    return rows;
  }

  /** A cell over a 3x3 convolution, a max pool and a skip, fed the input and its ReLU. */
  @ModelWrapper
  static final class CellSpace extends NasModule {
    final Cell cell;

    CellSpace(int nodes, int opsPerNode) {
      Map<String, Supplier<NasModule>> ops = new LinkedHashMap<>();
      ops.put("conv", () -> new Conv2d(8, 8, 3).padding(1));
      ops.put("pool", () -> new MaxPool2d(3, 1, 1));
      ops.put("skip", Identity::new);
      cell = new Cell(ops, nodes, opsPerNode, 2, Cell.Merge.ALL);
    }

    @Override
    public Tensor forward(Tensor x) {
      return cell.forward(x, relu(x));
    }
  }
}
