package dev.jnas.nn;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.expr.BinaryOperator;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.text.IrPrinter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A choice among values, or an expression over such choices ({@code feature.times(2)}), usable
 * wherever a layer takes a number or a boolean. A choice is labelled by its field path unless
 * {@link #label(String)} names it; the same object (or label) used twice is one decision.
 */
public abstract class ValueChoice<T> {
  ValueChoice() {}

  /** A choice among {@code candidates} (numbers, booleans, strings, lists or maps). */
  @SafeVarargs
  public static <T> ValueChoice<T> of(T... candidates) {
    return new Leaf<>(Arrays.asList(candidates));
  }

  /** A choice among the {@code candidates} in the list, in its order. */
  public static <T> ValueChoice<T> of(List<T> candidates) {
    return new Leaf<>(candidates);
  }

  /** Names this choice's decision; only a choice, not an expression, has a label. */
  public ValueChoice<T> label(String label) {
    throw new SpaceException("only a ValueChoice made by ValueChoice.of(...) can be labelled, not the expression " + this);
  }

  /**
   * The decided value: available in a fixed architecture (for a choice with an explicit label
   * already while it is being constructed); in a space it is unknown, so Java code cannot branch
   * on it.
   */
  @SuppressWarnings("unchecked")
  public T value() {
    return (T) Resolution.valueOf(this);
  }

  /** This value plus {@code other} (a constant or another choice), as an expression. */
  public ValueChoice<Object> plus(Object other) {
    return binary(BinaryOperator.PLUS, this, other);
  }

  /** This value minus {@code other} (a constant or another choice), as an expression. */
  public ValueChoice<Object> minus(Object other) {
    return binary(BinaryOperator.MINUS, this, other);
  }

  /** This value times {@code other} (a constant or another choice), as an expression. */
  public ValueChoice<Object> times(Object other) {
    return binary(BinaryOperator.TIMES, this, other);
  }

  /** True division: the result is a double. */
  public ValueChoice<Object> div(Object other) {
    return binary(BinaryOperator.DIV, this, other);
  }

  /** Division rounded down, as Python's {@code //}. */
  public ValueChoice<Object> floorDiv(Object other) {
    return binary(BinaryOperator.FLOOR_DIV, this, other);
  }

  /** Remainder with the sign of the divisor, as Python's {@code %}. */
  public ValueChoice<Object> mod(Object other) {
    return binary(BinaryOperator.MOD, this, other);
  }

  /** Whether this value equals {@code other}, as a boolean expression. */
  public ValueChoice<Boolean> eq(Object other) {
    return binary(BinaryOperator.EQ, this, other);
  }

  /** Whether this value differs from {@code other}, as a boolean expression. */
  public ValueChoice<Boolean> ne(Object other) {
    return binary(BinaryOperator.NE, this, other);
  }

  /** Whether this value is less than {@code other}, as a boolean expression. */
  public ValueChoice<Boolean> lt(Object other) {
    return binary(BinaryOperator.LT, this, other);
  }

  /** Whether this value is at most {@code other}, as a boolean expression. */
  public ValueChoice<Boolean> le(Object other) {
    return binary(BinaryOperator.LE, this, other);
  }

  /** Whether this value is greater than {@code other}, as a boolean expression. */
  public ValueChoice<Boolean> gt(Object other) {
    return binary(BinaryOperator.GT, this, other);
  }

  /** Whether this value is at least {@code other}, as a boolean expression. */
  public ValueChoice<Boolean> ge(Object other) {
    return binary(BinaryOperator.GE, this, other);
  }

  /** The entry under {@code key} of a map candidate, or the element at an index of a list one. */
  public <R> ValueChoice<R> get(Object key) {
    return new Composite<>(Composite.Kind.LOOKUP, null, null, List.of(this, key));
  }

  /** The smallest of the given values (constants or choices), as Python's {@code min}. */
  public static ValueChoice<Object> min(Object first, Object... rest) {
    return call(Expr.Function.MIN, first, rest);
  }

  /** The largest of the given values (constants or choices), as Python's {@code max}. */
  public static ValueChoice<Object> max(Object first, Object... rest) {
    return call(Expr.Function.MAX, first, rest);
  }

  /** This value rounded to the nearest int, halves to even (Python's {@code round}). */
  public ValueChoice<Integer> round() {
    return new Composite<>(Composite.Kind.CALL, null, Expr.Function.ROUND, List.of(this));
  }

  /** This value truncated toward zero to an int (Python's {@code int}), e.g. for a width computed by {@code times(0.5)}. */
  public ValueChoice<Integer> toInt() {
    return new Composite<>(Composite.Kind.CALL, null, Expr.Function.INT, List.of(this));
  }

  /** The absolute value. */
  public ValueChoice<Object> abs() {
    return new Composite<>(Composite.Kind.CALL, null, Expr.Function.ABS, List.of(this));
  }

  /** This value to the power {@code exponent}: an int for ints with a non-negative exponent. */
  public ValueChoice<Object> pow(Object exponent) {
    return new Composite<>(Composite.Kind.CALL, null, Expr.Function.POW, List.of(this, exponent));
  }

  /** {@code ifTrue} where {@code condition} holds, else {@code ifFalse}. */
  public static <R> ValueChoice<R> condition(ValueChoice<Boolean> condition, Object ifTrue, Object ifFalse) {
    return new Composite<>(Composite.Kind.CALL, null, Expr.Function.IF, List.of(condition, ifTrue, ifFalse));
  }

  private static ValueChoice<Object> call(Expr.Function function, Object first, Object... rest) {
    List<Object> args = new ArrayList<>();
    args.add(first);
    args.addAll(Arrays.asList(rest));
    return new Composite<>(Composite.Kind.CALL, null, function, args);
  }

  private static <R> ValueChoice<R> binary(BinaryOperator op, Object left, Object right) {
    return new Composite<>(Composite.Kind.BINARY, op, null, List.of(left, right));
  }

  /** This value as an IR expression, its choices labelled by {@code labels}. */
  abstract Expr toExpr(Function<Leaf<?>, String> labels);

  /** The choices this value reads, in order. */
  abstract void leaves(List<Leaf<?>> out);

  /** This value under decisions for its choices. */
  abstract Object evaluate(Function<Leaf<?>, Object> decisions);

  static Expr exprOf(Object value, Function<Leaf<?>, String> labels) {
    return value instanceof ValueChoice<?> vc ? vc.toExpr(labels) : Expr.of(value);
  }

  static Object evaluate(Object value, Function<Leaf<?>, Object> decisions) {
    return value instanceof ValueChoice<?> vc ? vc.evaluate(decisions) : Values.normalize(value);
  }

  /** A choice made by {@link ValueChoice#of}. */
  static final class Leaf<T> extends ValueChoice<T> {
    final List<Object> candidates;
    String explicitLabel;

    Leaf(List<?> candidates) {
      this.candidates = new ArrayList<>(candidates);
    }

    @Override
    public ValueChoice<T> label(String label) {
      this.explicitLabel = SpaceException.label(label, "a ValueChoice");
      return this;
    }

    @Override
    Expr toExpr(Function<Leaf<?>, String> labels) {
      return Expr.ref(new ChoiceOfValues(labels.apply(this), candidates));
    }

    @Override
    void leaves(List<Leaf<?>> out) {
      out.add(this);
    }

    @Override
    Object evaluate(Function<Leaf<?>, Object> decisions) {
      return decisions.apply(this);
    }

    @Override
    public String toString() {
      return "ValueChoice(" + Values.render(Values.normalize(candidates))
          + (explicitLabel == null ? "" : ", label=" + Values.quote(explicitLabel)) + ")";
    }
  }

  /** An expression over choices and constants. */
  static final class Composite<T> extends ValueChoice<T> {
    enum Kind { BINARY, CALL, LOOKUP }

    final Kind kind;
    final BinaryOperator operator;
    final Expr.Function function;
    final List<Object> operands;

    Composite(Kind kind, BinaryOperator operator, Expr.Function function, List<Object> operands) {
      this.kind = kind;
      this.operator = operator;
      this.function = function;
      this.operands = new ArrayList<>(operands);
      for (Object o : operands) {
        if (!(o instanceof ValueChoice<?>)) {
          Values.normalize(o);
        }
      }
    }

    @Override
    Expr toExpr(Function<Leaf<?>, String> labels) {
      List<Expr> args = operands.stream().map(o -> exprOf(o, labels)).toList();
      return switch (kind) {
        case BINARY -> new Expr.Binary(operator, args.get(0), args.get(1));
        case CALL -> new Expr.Call(function, args);
        case LOOKUP -> new Expr.Lookup(args.get(0), args.get(1));
      };
    }

    @Override
    void leaves(List<Leaf<?>> out) {
      for (Object o : operands) {
        if (o instanceof ValueChoice<?> vc) {
          vc.leaves(out);
        }
      }
    }

    @Override
    Object evaluate(Function<Leaf<?>, Object> decisions) {
      List<Leaf<?>> leaves = new ArrayList<>();
      leaves(leaves);
      java.util.Map<Leaf<?>, String> names = new java.util.IdentityHashMap<>();
      java.util.Map<String, Object> byName = new java.util.HashMap<>();
      for (Leaf<?> leaf : leaves) {
        if (!names.containsKey(leaf)) {
          String name = "#" + names.size();
          names.put(leaf, name);
          byName.put(name, decisions.apply(leaf));
        }
      }
      return toExpr(names::get).evaluate(Decisions.of(byName));
    }

    @Override
    public String toString() {
      return "ValueChoice.expression(" + IrPrinter.print(toExpr(l -> l.explicitLabel == null ? "?" : l.explicitLabel)) + ")";
    }
  }
}
