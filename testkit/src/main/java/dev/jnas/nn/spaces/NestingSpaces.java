package dev.jnas.nn.spaces;

import dev.jnas.ir.op.Reduction;
import dev.jnas.nn.Cell;
import dev.jnas.nn.Conv2d;
import dev.jnas.nn.Identity;
import dev.jnas.nn.InputChoice;
import dev.jnas.nn.Layer;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.Repeat;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spaces where one kind of choice nests in another, for the nesting matrix: every container kind
 * around every kind, around a convolution whose kernel (and padding) is a value choice. Every
 * module keeps (N, 8, H, W), so any nesting composes.
 */
public final class NestingSpaces {
  private NestingSpaces() {}

  /** A kind of choice that can hold a module. */
  public enum Container {
    LAYER_CHOICE, INPUT_CHOICE, REPEAT_FIXED, REPEAT_CHOSEN, REPEAT_EXPRESSION, CELL;

    /** A module of this kind around modules from {@code inner}. */
    public NasModule around(Supplier<NasModule> inner) {
      return switch (this) {
        case LAYER_CHOICE -> new Chosen(inner.get());
        case INPUT_CHOICE -> new Picked(inner.get());
        case REPEAT_FIXED -> new Repeated(new Repeat(inner.get(), 2));
        case REPEAT_CHOSEN -> new Repeated(new Repeat(i -> inner.get(), ValueChoice.of(1, 2)));
        case REPEAT_EXPRESSION -> new Repeated(new Repeat(i -> inner.get(), ValueChoice.of(0, 1).plus(1)));
        case CELL -> new InCell(inner);
      };
    }
  }

  /** The space {@code outer(inner(value conv))}, or {@code outer(value conv)} when {@code inner} is null. */
  public static Supplier<NasModule> space(Container outer, Container inner) {
    return () -> new Space(outer.around(inner == null ? ValueConv::new : () -> inner.around(ValueConv::new)));
  }

  /** The root: holds the nesting under the field {@code body}. */
  @ModelWrapper
  public static final class Space extends NasModule {
    final NasModule body;

    Space(NasModule body) {
      this.body = body;
    }

    @Override public Tensor forward(Tensor x) {
      return body.forward(x);
    }
  }

  /** A 3x3 or 1x1 convolution whose padding keeps the size: {@code padding = kernel // 2}. */
  public static final class ValueConv extends NasModule {
    final ValueChoice<Integer> kernel = ValueChoice.of(1, 3);
    final Conv2d conv = new Conv2d(8, 8, kernel).padding(kernel.floorDiv(2));

    @Override public Tensor forward(Tensor x) {
      return conv.forward(x);
    }
  }

  static final class Chosen extends NasModule {
    final LayerChoice choice;

    Chosen(NasModule inner) {
      choice = new LayerChoice(inner, new Identity());
    }

    @Override public Tensor forward(Tensor x) {
      return choice.forward(x);
    }
  }

  static final class Picked extends NasModule {
    final NasModule inner;
    final InputChoice pick = new InputChoice(2, 1, Reduction.SUM);

    Picked(NasModule inner) {
      this.inner = inner;
    }

    @Override public Tensor forward(Tensor x) {
      return pick.forward(inner.forward(x), x);
    }
  }

  static final class Repeated extends NasModule {
    final Repeat repeat;

    Repeated(Repeat repeat) {
      this.repeat = repeat;
    }

    @Override public Tensor forward(Tensor x) {
      return repeat.forward(x);
    }
  }

  static final class InCell extends NasModule {
    final Cell cell;
    final Conv2d head = new Conv2d(Layer.AUTO, 8, 1);

    InCell(Supplier<NasModule> inner) {
      Map<String, Supplier<NasModule>> ops = new LinkedHashMap<>();
      ops.put("inner", inner);
      ops.put("skip", Identity::new);
      cell = new Cell(ops, 2, 1, 1, Cell.Merge.ALL);
    }

    @Override public Tensor forward(Tensor x) {
      return head.forward(cell.forward(x));
    }
  }
}
