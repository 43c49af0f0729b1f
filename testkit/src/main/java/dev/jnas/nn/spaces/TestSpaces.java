package dev.jnas.nn.spaces;

import static dev.jnas.nn.F.relu;

import dev.jnas.ir.op.Reduction;
import dev.jnas.nn.Cell;
import dev.jnas.nn.Conv2d;
import dev.jnas.nn.Dropout;
import dev.jnas.nn.F;
import dev.jnas.nn.Identity;
import dev.jnas.nn.InputChoice;
import dev.jnas.nn.Layer;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.MaxPool2d;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.ReLU;
import dev.jnas.nn.Repeat;
import dev.jnas.nn.Sigmoid;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Small spaces, one per choice feature, on input (N, 8, 16, 16); shared by the frontend and mutator tests. */
public final class TestSpaces {
  private TestSpaces() {}

  /** An outer layer choice whose second candidate holds a layer choice and a value choice. */
  @ModelWrapper
  public static class Nested extends NasModule {
    final LayerChoice outer = new LayerChoice(new Identity(), new Inner());

    @Override public Tensor forward(Tensor x) {
      return outer.forward(x);
    }

    public static class Inner extends NasModule {
      final LayerChoice inner = new LayerChoice(new ReLU(), new Sigmoid());
      final Conv2d conv = new Conv2d(8, 8, ValueChoice.of(1, 3)).padding(ValueChoice.of(0, 1).label("pad"));

      @Override public Tensor forward(Tensor x) {
        return inner.forward(conv.forward(x));
      }
    }
  }
  /** Two layers read one choice object; two other choices share a label. */
  @ModelWrapper
  public static class Shared extends NasModule {
    final ValueChoice<Integer> width = ValueChoice.of(4, 8);
    final Conv2d a = new Conv2d(8, width, 1);
    final Conv2d b = new Conv2d(width, 8, 1);
    final Dropout d1 = new Dropout(ValueChoice.of(0.1, 0.2).label("p"));
    final Dropout d2 = new Dropout(ValueChoice.of(0.1, 0.2).label("p"));

    @Override public Tensor forward(Tensor x) {
      return d2.forward(d1.forward(b.forward(a.forward(x))));
    }
  }
  /** Value-choice expressions of every kind as layer arguments. */
  @ModelWrapper
  public static class Expressions extends NasModule {
    final ValueChoice<Integer> w = ValueChoice.of(8, 16);
    final ValueChoice<Map<String, Integer>> cfg = ValueChoice.of(Map.of("k", 3, "pad", 1), Map.of("k", 1, "pad", 0));
    final Conv2d conv = new Conv2d(8, w.times(2).minus(w).plus(0), cfg.get("k")).padding(cfg.get("pad"));
    final Conv2d back = new Conv2d(w.floorDiv(1).mod(1000), 8, 1).groups(ValueChoice.min(w.floorDiv(8), 2));
    final Dropout drop = new Dropout(ValueChoice.condition(w.gt(8), w.div(32), ValueChoice.max(0.1, 0.2)));

    @Override public Tensor forward(Tensor x) {
      return drop.forward(back.forward(conv.forward(x)));
    }
  }
  /** One input choice per reduction. */
  @ModelWrapper
  public static class Inputs extends NasModule {
    final Conv2d a = new Conv2d(8, 8, 1);
    final Conv2d b = new Conv2d(8, 8, 1);
    final InputChoice sum = new InputChoice(3, 2, Reduction.SUM);
    final InputChoice mean = new InputChoice(3, 3, Reduction.MEAN);
    final InputChoice concat = new InputChoice(2, 2, Reduction.CONCAT);
    final InputChoice none = new InputChoice(2);

    @Override public Tensor forward(Tensor x) {
      Tensor p = a.forward(x);
      Tensor q = b.forward(x);
      Tensor s = sum.forward(x, p, q);
      Tensor m = mean.forward(x, p, s);
      Tensor c = concat.forward(m, s);
      return none.forward(c, F.cat(List.of(p, q), 1));
    }
  }
  /** A repeated block with a depth choice, and a factory-made chain with a range. */
  @ModelWrapper
  public static class Repeats extends NasModule {
    final Repeat same = new Repeat(new Block(), ValueChoice.of(0, 1, 2));
    final Repeat made = new Repeat(i -> new Conv2d(8, 8, 1), 1, 3).label("depth");

    @Override public Tensor forward(Tensor x) {
      return made.forward(same.forward(x));
    }

    public static class Block extends NasModule {
      final Conv2d conv = new Conv2d(8, 8, 3).padding(1);

      @Override public Tensor forward(Tensor x) {
        return relu(conv.forward(x));
      }
    }
  }
  @ModelWrapper
  public static class Darts extends NasModule {
    final Cell cell = new Cell(ops(), 2, 2, 2, Cell.Merge.ALL);

    public static Map<String, Supplier<NasModule>> ops() {
      Map<String, Supplier<NasModule>> ops = new java.util.LinkedHashMap<>();
      ops.put("conv", () -> new Conv2d(8, 8, 3).padding(1));
      ops.put("pool", () -> new MaxPool2d(3, 1, 1));
      ops.put("skip", Identity::new);
      return ops;
    }

    @Override public Tensor forward(Tensor x) {
      return cell.forward(x, relu(x));
    }
  }

  /** An ENAS-style cell that merges its loose ends, read by a lazy 1x1 convolution. */
  @ModelWrapper
  public static class LooseEnds extends NasModule {
    final Cell cell = new Cell(Darts.ops(), 3, 1, 2, Cell.Merge.LOOSE_END);
    final Conv2d head = new Conv2d(Layer.AUTO, 8, 1);

    @Override public Tensor forward(Tensor x) {
      return head.forward(cell.forward(x, relu(x)));
    }
  }

  /** A layer choice inside a Repeat whose depth is chosen: the choice exists only once the Repeat expands. */
  @ModelWrapper
  public static class ChoiceInChosenRepeat extends NasModule {
    final Repeat rep = new Repeat(i -> new Choosing(), ValueChoice.of(1, 2, 3)).label("rep");

    @Override public Tensor forward(Tensor x) {
      return rep.forward(x);
    }

    public static class Choosing extends NasModule {
      final LayerChoice lc = new LayerChoice(new Conv2d(8, 8, 3).padding(1), new ReLU()).label("lc");

      @Override public Tensor forward(Tensor x) {
        return lc.forward(x);
      }
    }
  }

  /** DARTS-style stacking: a cell per position of a Repeat of chosen depth. */
  @ModelWrapper
  public static class CellInChosenRepeat extends NasModule {
    final Repeat cells = new Repeat(i -> new OneCell(), 1, 2).label("cells");

    @Override public Tensor forward(Tensor x) {
      return cells.forward(x);
    }

    public static class OneCell extends NasModule {
      final Cell cell = new Cell(Darts.ops(), 1, 2, 1, Cell.Merge.ALL);

      @Override public Tensor forward(Tensor x) {
        return cell.forward(x);
      }
    }
  }

  /** Weight sharing: a layer called twice at the top and, inside a candidate, a layer with a value choice called twice. */
  @ModelWrapper
  public static class SharedLayers extends NasModule {
    final Conv2d conv = new Conv2d(8, 8, 3).padding(1);
    final LayerChoice twice = new LayerChoice(new Twice(), new Identity()).label("twice");

    @Override public Tensor forward(Tensor x) {
      x = relu(conv.forward(x));
      return twice.forward(relu(conv.forward(x)));
    }

    /** Calls one 1x1 convolution (its kernel a choice) twice. */
    public static class Twice extends NasModule {
      final ValueChoice<Integer> kernel = ValueChoice.of(1, 3).label("kernel");
      final Conv2d inner = new Conv2d(8, 8, kernel).padding(kernel.floorDiv(2));

      @Override public Tensor forward(Tensor x) {
        return inner.forward(relu(inner.forward(x)));
      }
    }
  }

  /** Input choices of any number of inputs (summed), and of two inputs given back one by one (reduction none). */
  @ModelWrapper
  public static class FlexibleInputs extends NasModule {
    final Conv2d narrow = new Conv2d(8, 8, 1);
    final Conv2d wide = new Conv2d(8, 8, 3).padding(1);
    final InputChoice any = InputChoice.any(3, Reduction.SUM).label("any");
    final InputChoice two = new InputChoice(3, 2, Reduction.NONE).label("two");

    @Override public Tensor forward(Tensor x) {
      Tensor a = narrow.forward(x);
      Tensor b = wide.forward(x);
      Tensor summed = any.forward(x, a, b);
      List<Tensor> picked = two.forwardEach(x, a, summed);
      return F.mul(picked.get(0), picked.get(1));
    }
  }

  /** Two branches computed in forward, one picked: the other is dead once frozen. */
  @ModelWrapper
  public static class TwoBranches extends NasModule {
    final Conv2d a = new Conv2d(1, 4, 3).padding(1);
    final Conv2d b = new Conv2d(1, 4, 5).padding(2);
    final InputChoice pick = new InputChoice(2).label("pick");

    @Override public Tensor forward(Tensor x) {
      return pick.forward(a.forward(x), b.forward(x));
    }
  }
}
