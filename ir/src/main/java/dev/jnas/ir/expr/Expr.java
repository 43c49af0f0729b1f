package dev.jnas.ir.expr;

import dev.jnas.ir.Decisions;
import dev.jnas.ir.IrException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An attribute value: a literal, or an expression over value choices that a sample resolves.
 * Lists whose elements are all literals are always {@link Literal}s, so equal values are equal
 * expressions.
 */
public sealed interface Expr {

  /** The value of this expression under {@code decisions}. */
  Object evaluate(Decisions decisions);

  /** The value choices this expression reads, in order of first appearance. */
  default Set<ChoiceOfValues> choices() {
    Set<ChoiceOfValues> out = new LinkedHashSet<>();
    collectChoices(out);
    return out;
  }

  void collectChoices(Set<ChoiceOfValues> out);

  static Literal of(Object value) {
    return new Literal(value);
  }

  static Ref ref(ChoiceOfValues choice) {
    return new Ref(choice);
  }

  /** A list expression, a {@link Literal} when every element is one. */
  static Expr list(List<Expr> elements) {
    if (elements.stream().allMatch(Literal.class::isInstance)) {
      return new Literal(elements.stream().map(e -> ((Literal) e).value()).toList());
    }
    return new ListOf(elements);
  }

  /** A fixed value. */
  record Literal(Object value) implements Expr {
    public Literal {
      value = Values.normalize(value);
    }

    @Override
    public Object evaluate(Decisions decisions) {
      return value;
    }

    @Override
    public void collectChoices(Set<ChoiceOfValues> out) {}
  }

  /** The value decided for a value choice. */
  record Ref(ChoiceOfValues choice) implements Expr {
    public Ref {
      if (choice == null) {
        throw new IrException("a choice reference needs a choice");
      }
    }

    @Override
    public Object evaluate(Decisions decisions) {
      return decisions.valueOf(choice);
    }

    @Override
    public void collectChoices(Set<ChoiceOfValues> out) {
      out.add(choice);
    }
  }

  /** {@code left operator right}, with Python's floor division and modulo for ints. */
  record Binary(BinaryOperator operator, Expr left, Expr right) implements Expr {
    public Binary {
      if (operator == null || left == null || right == null) {
        throw new IrException("a binary expression needs an operator and two operands");
      }
    }

    @Override
    public Object evaluate(Decisions decisions) {
      return Arithmetic.apply(operator, left.evaluate(decisions), right.evaluate(decisions));
    }

    @Override
    public void collectChoices(Set<ChoiceOfValues> out) {
      left.collectChoices(out);
      right.collectChoices(out);
    }
  }

  /**
   * A built-in function: {@code min(a, b, ...)}, {@code max(a, b, ...)}, {@code if(p, a, b)},
   * {@code round(x)}, {@code int(x)}, {@code abs(x)}, {@code pow(x, y)}.
   */
  record Call(Function function, List<Expr> args) implements Expr {
    public Call {
      args = List.copyOf(args);
      function.checkArity(args.size());
    }

    @Override
    public Object evaluate(Decisions decisions) {
      if (function == Function.IF) {
        Object predicate = args.get(0).evaluate(decisions);
        if (!(predicate instanceof Boolean b)) {
          throw new IrException("if() needs a boolean condition, got " + Values.describe(predicate));
        }
        return args.get(b ? 1 : 2).evaluate(decisions);
      }
      if (function != Function.MIN && function != Function.MAX) {
        List<Object> values = new ArrayList<>(args.size());
        for (Expr arg : args) {
          values.add(arg.evaluate(decisions));
        }
        return Arithmetic.call(function, values);
      }
      Object best = args.get(0).evaluate(decisions);
      for (Expr arg : args.subList(1, args.size())) {
        Object next = arg.evaluate(decisions);
        int order = Arithmetic.compare(next, best, function.text());
        if (function == Function.MIN ? order < 0 : order > 0) {
          best = next;
        }
      }
      return best;
    }

    @Override
    public void collectChoices(Set<ChoiceOfValues> out) {
      args.forEach(a -> a.collectChoices(out));
    }
  }

  /** The built-in functions of expressions. */
  enum Function {
    MIN("min"),
    MAX("max"),
    IF("if"),
    /** To the nearest int, halves to even (as Python's {@code round}). */
    ROUND("round"),
    /** Toward zero to an int (as Python's {@code int}). */
    INT("int"),
    ABS("abs"),
    /** {@code pow(x, y)}: an int for ints with {@code y >= 0}, else a double. */
    POW("pow");

    private final String text;

    Function(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    void checkArity(int n) {
      String expected = switch (this) {
        case IF -> n == 3 ? null : "3 arguments (condition, then, else)";
        case POW -> n == 2 ? null : "2 arguments (base, exponent)";
        case ROUND, INT, ABS -> n == 1 ? null : "1 argument";
        case MIN, MAX -> n >= 1 ? null : "at least 1 argument";
      };
      if (expected != null) {
        throw new IrException(text + "() takes " + expected + ", got " + n);
      }
    }

    public static Function fromText(String text) {
      for (Function f : values()) {
        if (f.text.equals(text)) {
          return f;
        }
      }
      throw new IrException("unknown function '" + text + "', expected min, max, if, round, int, abs, pow or choice");
    }
  }

  /** {@code target[key]}: a map candidate's entry by string key, or a list's element by index. */
  record Lookup(Expr target, Expr key) implements Expr {
    public Lookup {
      if (target == null || key == null) {
        throw new IrException("a lookup needs a target and a key");
      }
    }

    @Override
    public Object evaluate(Decisions decisions) {
      Object container = target.evaluate(decisions);
      Object k = key.evaluate(decisions);
      if (container instanceof Map<?, ?> map && k instanceof String s) {
        if (!map.containsKey(s)) {
          throw new IrException("key " + Values.quote(s) + " is not in " + Values.render(map));
        }
        return map.get(s);
      }
      if (container instanceof List<?> list && k instanceof Integer i) {
        if (i < 0 || i >= list.size()) {
          throw new IrException("index " + i + " is out of range for " + Values.render(list));
        }
        return list.get(i);
      }
      throw new IrException(
          "cannot look up " + Values.describe(k) + " in " + Values.describe(container)
              + ": maps take string keys and lists int indices");
    }

    @Override
    public void collectChoices(Set<ChoiceOfValues> out) {
      target.collectChoices(out);
      key.collectChoices(out);
    }
  }

  /** A list with at least one non-literal element (all-literal lists are {@link Literal}s). */
  record ListOf(List<Expr> elements) implements Expr {
    public ListOf {
      elements = List.copyOf(elements);
      if (elements.stream().allMatch(Literal.class::isInstance)) {
        throw new IrException("a list of literals is a Literal; build it with Expr.list");
      }
    }

    @Override
    public Object evaluate(Decisions decisions) {
      List<Object> out = new ArrayList<>(elements.size());
      for (Expr e : elements) {
        out.add(e.evaluate(decisions));
      }
      return Values.normalize(out);
    }

    @Override
    public void collectChoices(Set<ChoiceOfValues> out) {
      elements.forEach(e -> e.collectChoices(out));
    }
  }
}
