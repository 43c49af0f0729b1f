package dev.jnas.samples;

import static dev.jnas.nn.F.adaptiveAvgPool2d;
import static dev.jnas.nn.F.add;
import static dev.jnas.nn.F.flatten;
import static dev.jnas.nn.F.logSoftmax;
import static dev.jnas.nn.F.relu;

import dev.jnas.nn.AvgPool2d;
import dev.jnas.nn.BatchNorm2d;
import dev.jnas.nn.Conv2d;
import dev.jnas.nn.Identity;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.Linear;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.ModuleList;
import dev.jnas.nn.ReLU;
import dev.jnas.nn.Sequential;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.Zero;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** NAS-Bench-201's cell space (NNI's hub {@code NasBench201}) sized for MNIST: 6 edges of 5 ops, 15,625 architectures. */
@ModelWrapper
public class NasBench201Space extends NasModule {
  /**
   * The benchmark's ops, under the names of the NAS-Bench-201 paper and API (NNI's hub calls the
   * convolutions {@code conv_1x1} and {@code conv_3x3}).
   */
  public static final List<String> OPS = List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");
  /** Tensors in a cell, the input included: node j sums one edge from every node {@code i < j}, so 6 edges. */
  public static final int NODES = 4;

  final Sequential stem;
  final ModuleList stages = new ModuleList();
  final Sequential lastAct;
  final Linear classifier;

  /** The benchmark's layout shrunk to MNIST and a few seconds of CPU: 8 channels, one cell per stage. */
  public NasBench201Space() {
    this(8, 1);
  }

  /**
   * NAS-Bench-201's macro skeleton: a stem, three stages of {@code cellsPerStage} cells at
   * {@code channels}, 2x and 4x channels, a residual block that halves the resolution between
   * stages, then global pooling and a linear classifier (the benchmark uses 16 channels, 5 cells).
   */
  public NasBench201Space(int channels, int cellsPerStage) {
    stem = new Sequential(new Conv2d(1, channels, 3).padding(1).bias(false), new BatchNorm2d(channels));
    int c = channels;
    for (int stage = 0; stage < 3; stage++) {
      if (stage > 0) {
        stages.add(new ResidualReduction(c, c * 2));
        c *= 2;
      }
      for (int i = 0; i < cellsPerStage; i++) {
        stages.add(new Cell201(c));
      }
    }
    lastAct = new Sequential(new BatchNorm2d(c), new ReLU());
    classifier = new Linear(c, 10);
  }

  @Override
  public Tensor forward(Tensor x) {
    x = stem.forward(x);
    for (NasModule m : stages) {
      x = m.forward(x);
    }
    x = flatten(adaptiveAvgPool2d(lastAct.forward(x)), 1);
    // ClassificationEvaluator expects log-probabilities, as the tutorial's space gives.
    return logSoftmax(classifier.forward(x), 1);
  }

  /** The label of edge i -> j: the key NAS-Bench-201's table uses ("0_1" ... "2_3"). */
  public static String edge(int i, int j) {
    return i + "_" + j;
  }

  /**
   * One NAS-Bench-201 cell: a dense DAG of {@link #NODES} tensors where node j is the sum of a
   * chosen op applied to every earlier node.
   */
  static final class Cell201 extends NasModule {
    /** Edges in the order node 1's, node 2's, node 3's: 0_1, 0_2, 1_2, 0_3, 1_3, 2_3. */
    final ModuleList edges = new ModuleList();

    Cell201(int channels) {
      for (int j = 1; j < NODES; j++) {
        for (int i = 0; i < j; i++) {
          // Every cell of the network labels its edge i -> j the same: one cell architecture
          // for the whole stack, as in the benchmark, so the space stays at 5^6 = 15,625.
          edges.add(new LayerChoice(ops(channels)).label(edge(i, j)));
        }
      }
    }

    @Override
    public Tensor forward(Tensor x) {
      List<Tensor> nodes = new ArrayList<>(List.of(x));
      int edge = 0;
      for (int j = 1; j < NODES; j++) {
        Tensor sum = edges.get(edge++).forward(nodes.get(0));
        for (int i = 1; i < j; i++) {
          sum = add(sum, edges.get(edge++).forward(nodes.get(i)));
        }
        nodes.add(sum);
      }
      return nodes.get(NODES - 1);
    }

    private static Map<String, NasModule> ops(int c) {
      Map<String, NasModule> ops = new LinkedHashMap<>();
      ops.put("none", new Zero());
      ops.put("skip_connect", new Identity());
      ops.put("nor_conv_1x1", new ReluConvBn(c, c, 1, 1));
      ops.put("nor_conv_3x3", new ReluConvBn(c, c, 3, 1));
      // The benchmark's pool leaves the padding out of the average (count_include_pad=False);
      // jnas's AvgPool2d counts it, as PyTorch's default does, which only changes border pixels.
      ops.put("avg_pool_3x3", new AvgPool2d(3, 1, 1));
      return ops;
    }
  }

  /** ReLU, convolution without bias ("same" padding), batch norm: the benchmark's conv op. */
  static final class ReluConvBn extends NasModule {
    final Conv2d conv;
    final BatchNorm2d bn;

    ReluConvBn(int in, int out, int kernel, int stride) {
      conv = new Conv2d(in, out, kernel, stride).padding(kernel / 2).bias(false);
      bn = new BatchNorm2d(out);
    }

    @Override
    public Tensor forward(Tensor x) {
      return bn.forward(conv.forward(relu(x)));
    }
  }

  /** The benchmark's residual block between stages: halves the resolution, changes the channels. */
  static final class ResidualReduction extends NasModule {
    final ReluConvBn a;
    final ReluConvBn b;
    final AvgPool2d pool = new AvgPool2d(2, 2);
    final Conv2d shortcut;

    ResidualReduction(int in, int out) {
      a = new ReluConvBn(in, out, 3, 2);
      b = new ReluConvBn(out, out, 3, 1);
      shortcut = new Conv2d(in, out, 1).bias(false);
    }

    @Override
    public Tensor forward(Tensor x) {
      return add(b.forward(a.forward(x)), shortcut.forward(pool.forward(x)));
    }
  }
}
