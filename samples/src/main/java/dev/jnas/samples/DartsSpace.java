package dev.jnas.samples;

import static dev.jnas.nn.F.adaptiveAvgPool2d;
import static dev.jnas.nn.F.cat;
import static dev.jnas.nn.F.flatten;
import static dev.jnas.nn.F.logSoftmax;
import static dev.jnas.nn.F.relu;

import dev.jnas.nn.AvgPool2d;
import dev.jnas.nn.BatchNorm2d;
import dev.jnas.nn.Cell;
import dev.jnas.nn.Conv2d;
import dev.jnas.nn.Identity;
import dev.jnas.nn.InputChoice;
import dev.jnas.nn.Layer;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.Linear;
import dev.jnas.nn.MaxPool2d;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.ModuleList;
import dev.jnas.nn.Repeat;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A DARTS-style space (NNI's hub {@code DARTS}) sized for MNIST: normal and reduction cells, a width and a depth choice. */
@ModelWrapper
public class DartsSpace extends NasModule {
  /** DARTS's ops (NNI's {@code DARTS_OPS}); like NNI's hub space, it leaves out "none". */
  public static final List<String> OPS = List.of("max_pool_3x3", "avg_pool_3x3", "skip_connect",
      "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5");
  /** Nodes per cell (DARTS has 4; 3 keeps a trial's generated block small); each sums 2 ops. */
  public static final int NODES = 3;

  /** Channels of the first stage (NNI's {@code width}); later stages double it. */
  final ValueChoice<Integer> width;
  /** Normal cells per stage (NNI's {@code num_cells}, here per stage). */
  final ValueChoice<Integer> depth;

  // The stem halves 28x28 to 14x14 (DARTS's ImageNet network also reduces in its stem): the
  // cells then run at 14, 7 and 4 pixels, which makes a CPU trial about 4x faster.
  final Conv2d stemConv;
  final BatchNorm2d stemBn;
  // One block module per Repeat: every position is a copy of it with weights of its own and the
  // same labels, so the normal cells of a stage share one architecture, as in DARTS.
  final Repeat stage1;
  final ReductionCell reduce1;
  final Repeat stage2;
  final ReductionCell reduce2;
  // A cell concatenates its nodes, so the last one gives NODES x 4 x width channels.
  final Linear classifier;

  /** The space of NNI's hub: 8 or 16 channels, 1 or 2 normal cells per stage. */
  public DartsSpace() {
    this(List.of(8, 16), List.of(1, 2));
  }

  /**
   * The space with these widths and depths to choose from; one of each fixes them, as NNI's
   * one-shot DARTS tutorial fixes the hub space's width and cell count (a supernet cannot share
   * weights across widths here: a skip connection that reduces concatenates two halves).
   */
  public DartsSpace(List<Integer> widths, List<Integer> depths) {
    width = ValueChoice.of(widths).label("width");
    depth = ValueChoice.of(depths).label("depth");
    stemConv = new Conv2d(1, width, 3, 2).padding(1).bias(false);
    stemBn = new BatchNorm2d(width);
    stage1 = new Repeat(new NormalCell(width), depth);
    reduce1 = new ReductionCell(width.times(2));
    stage2 = new Repeat(new NormalCell(width.times(2)), depth);
    reduce2 = new ReductionCell(width.times(4));
    classifier = new Linear(width.times(4 * NODES), 10);
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor stem = stemBn.forward(stemConv.forward(x));
    Tensor s1 = stage1.forward(stem);
    // A reduction cell reads two states, as in DARTS: here the stage's input and its output
    // (a Repeat passes one tensor along, so the states of its inner cells stay inside it).
    Tensor r1 = reduce1.forward(stem, s1);
    Tensor s2 = stage2.forward(r1);
    Tensor r2 = reduce2.forward(r1, s2);
    return logSoftmax(classifier.forward(flatten(adaptiveAvgPool2d(r2), 1)), 1);
  }

  /** The ops of {@link #OPS} on {@code channels}, each a factory, with this stride. */
  static Map<String, Supplier<NasModule>> ops(ValueChoice<?> channels, int stride) {
    Map<String, Supplier<NasModule>> ops = new LinkedHashMap<>();
    ops.put("max_pool_3x3", () -> new MaxPool2d(3, stride, 1));
    ops.put("avg_pool_3x3", () -> new AvgPool2d(3, stride, 1));
    ops.put("skip_connect", () -> stride == 1 ? new Identity() : new FactorizedReduce(channels));
    ops.put("sep_conv_3x3", () -> new SepConv(channels, 3, stride));
    ops.put("sep_conv_5x5", () -> new SepConv(channels, 5, stride));
    ops.put("dil_conv_3x3", () -> new DilConv(channels, 3, stride, 2));
    ops.put("dil_conv_5x5", () -> new DilConv(channels, 5, stride, 2));
    return ops;
  }

  /**
   * A normal cell: a 1x1 preprocessing to {@code channels}, then jnas's {@link Cell} of
   * {@link #NODES} nodes over one predecessor, keeping the resolution.
   */
  static final class NormalCell extends NasModule {
    // Lazy input channels: the first copy in a stage reads the stage's input, the others the
    // previous cell's NODES x channels.
    final ReluConvBn preprocess;
    final Cell cell;

    NormalCell(ValueChoice<?> channels) {
      preprocess = new ReluConvBn(Layer.AUTO, channels);
      cell = new Cell(ops(channels, 1), NODES, 2, 1, Cell.Merge.ALL);
    }

    @Override
    public Tensor forward(Tensor x) {
      return cell.forward(preprocess.forward(x));
    }
  }

  /**
   * A reduction cell, written out because its ops depend on their input: an op reading one of the
   * cell's two inputs has stride 2, one reading an earlier node (already halved) stride 1. jnas's
   * {@link Cell} makes one op per position and applies it to whichever input is chosen, so it
   * cannot. Here each candidate input gets its own op choice under one label (one decision), and
   * the input choice picks among their outputs: the same count and decisions as a {@code Cell},
   * labelled {@code reduce.input_i_j} and {@code reduce.op_i_j} in every reduction cell, as NNI's
   * {@code reduce} cells share one architecture.
   */
  static final class ReductionCell extends NasModule {
    final ReluConvBn preprocess0;
    final ReluConvBn preprocess1;
    /** Node i's op j at {@code (i - 2) * 2 + j}. */
    final ModuleList edges = new ModuleList();

    ReductionCell(ValueChoice<?> channels) {
      preprocess0 = new ReluConvBn(Layer.AUTO, channels);
      preprocess1 = new ReluConvBn(Layer.AUTO, channels);
      for (int i = 2; i < 2 + NODES; i++) {
        for (int j = 0; j < 2; j++) {
          edges.add(new ReductionEdge(channels, i, j));
        }
      }
    }

    @Override
    public Tensor forward(Tensor... inputs) {
      Tensor[] states = new Tensor[2 + NODES];
      states[0] = preprocess0.forward(inputs[0]);
      states[1] = preprocess1.forward(inputs[1]);
      for (int i = 2; i < 2 + NODES; i++) {
        Tensor[] reachable = java.util.Arrays.copyOf(states, i);
        Tensor a = edges.get((i - 2) * 2).forward(reachable);
        Tensor b = edges.get((i - 2) * 2 + 1).forward(reachable);
        states[i] = a.add(b);
      }
      return cat(List.of(states).subList(2, 2 + NODES), 1);
    }
  }

  /** Op j of node i in a reduction cell: an op choice per candidate input, then the input choice. */
  static final class ReductionEdge extends NasModule {
    final ModuleList ops = new ModuleList();
    final InputChoice input;

    ReductionEdge(ValueChoice<?> channels, int node, int op) {
      for (int k = 0; k < node; k++) {
        Map<String, NasModule> candidates = new LinkedHashMap<>();
        ops(channels, k < 2 ? 2 : 1).forEach((name, factory) -> candidates.put(name, factory.get()));
        ops.add(new LayerChoice(candidates).label("reduce.op_" + node + "_" + op));
      }
      input = new InputChoice(node).label("reduce.input_" + node + "_" + op);
    }

    @Override
    public Tensor forward(Tensor... states) {
      Tensor[] candidates = new Tensor[states.length];
      for (int k = 0; k < states.length; k++) {
        candidates[k] = ops.get(k).forward(states[k]);
      }
      return input.forward(candidates);
    }
  }

  /** ReLU, 1x1 convolution, batch norm: DARTS's preprocessing of a cell's inputs. */
  static final class ReluConvBn extends NasModule {
    final Conv2d conv;
    final BatchNorm2d bn;

    ReluConvBn(Object in, ValueChoice<?> out) {
      conv = new Conv2d(in, out, 1).bias(false);
      bn = new BatchNorm2d(out);
    }

    @Override
    public Tensor forward(Tensor x) {
      return bn.forward(conv.forward(relu(x)));
    }
  }

  /** ReLU, depthwise k x k convolution (dilated), pointwise convolution, batch norm: DARTS's DilConv. */
  static final class DilConv extends NasModule {
    final Conv2d depthwise;
    final Conv2d pointwise;
    final BatchNorm2d bn;

    DilConv(ValueChoice<?> c, int kernel, int stride, int dilation) {
      depthwise = new Conv2d(c, c, kernel, stride).padding(dilation * (kernel - 1) / 2).dilation(dilation).groups(c).bias(false);
      pointwise = new Conv2d(c, c, 1).bias(false);
      bn = new BatchNorm2d(c);
    }

    @Override
    public Tensor forward(Tensor x) {
      return bn.forward(pointwise.forward(depthwise.forward(relu(x))));
    }
  }

  /** Two undilated DilConvs, the first carrying the stride: DARTS's SepConv. */
  static final class SepConv extends NasModule {
    final DilConv first;
    final DilConv second;

    SepConv(ValueChoice<?> c, int kernel, int stride) {
      first = new DilConv(c, kernel, stride, 1);
      second = new DilConv(c, kernel, 1, 1);
    }

    @Override
    public Tensor forward(Tensor x) {
      return second.forward(first.forward(x));
    }
  }

  /**
   * DARTS's skip connection at stride 2: two stride-2 convolutions of half the channels each,
   * concatenated. DARTS's second path reads the input shifted by one pixel ({@code x[:, :, 1:, 1:]})
   * so the two see different pixels; jnas has no slicing op, so a 3x3 one, which also sees the odd
   * pixels and gives the same size for any input, takes its place.
   */
  static final class FactorizedReduce extends NasModule {
    final Conv2d even;
    final Conv2d odd;
    final BatchNorm2d bn;

    FactorizedReduce(ValueChoice<?> c) {
      even = new Conv2d(c, c.floorDiv(2), 1, 2).bias(false);
      odd = new Conv2d(c, c.floorDiv(2), 3, 2).padding(1).bias(false);
      bn = new BatchNorm2d(c);
    }

    @Override
    public Tensor forward(Tensor x) {
      Tensor y = relu(x);
      return bn.forward(cat(List.of(even.forward(y), odd.forward(y)), 1));
    }
  }
}
