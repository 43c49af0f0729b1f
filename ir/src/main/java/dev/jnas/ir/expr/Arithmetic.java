package dev.jnas.ir.expr;

import dev.jnas.ir.IrException;
import java.util.Objects;

/** Evaluation of binary operators on IR values: ints stay ints (exactly), doubles mix in. */
final class Arithmetic {
  private Arithmetic() {}

  static Object apply(BinaryOperator op, Object a, Object b) {
    switch (op) {
      case EQ:
        return numericEquals(a, b);
      case NE:
        return !numericEquals(a, b);
      case LT:
        return compare(a, b, op.symbol()) < 0;
      case LE:
        return compare(a, b, op.symbol()) <= 0;
      case GT:
        return compare(a, b, op.symbol()) > 0;
      case GE:
        return compare(a, b, op.symbol()) >= 0;
      default:
        break;
    }
    if (!(a instanceof Number) || !(b instanceof Number) ) {
      throw new IrException(
          "operator " + op.symbol() + " needs numbers, got " + Values.describe(a) + " and "
              + Values.describe(b));
    }
    if (a instanceof Integer x && b instanceof Integer y) {
      try {
        return switch (op) {
          case PLUS -> Math.addExact(x, y);
          case MINUS -> Math.subtractExact(x, y);
          case TIMES -> Math.multiplyExact(x, y);
          case DIV -> (double) x / nonZero(y, op);
          case FLOOR_DIV -> Math.floorDiv(x, nonZero(y, op));
          case MOD -> Math.floorMod(x, nonZero(y, op));
          default -> throw new AssertionError(op);
        };
      } catch (ArithmeticException overflow) {
        throw new IrException(x + " " + op.symbol() + " " + y + " overflows an int");
      }
    }
    double x = ((Number) a).doubleValue();
    double y = ((Number) b).doubleValue();
    double result = switch (op) {
      case PLUS -> x + y;
      case MINUS -> x - y;
      case TIMES -> x * y;
      case DIV -> x / nonZero(y, op);
      case FLOOR_DIV -> Math.floor(x / nonZero(y, op));
      case MOD -> x - Math.floor(x / nonZero(y, op)) * y;
      default -> throw new AssertionError(op);
    };
    return Values.normalize(result);
  }

  /** round, int, abs and pow on evaluated arguments. */
  static Object call(Expr.Function function, java.util.List<Object> args) {
    for (Object a : args) {
      if (!(a instanceof Number)) {
        throw new IrException(function.text() + "() needs numbers, got " + Values.describe(a));
      }
    }
    Number x = (Number) args.get(0);
    switch (function) {
      case ROUND:
      case INT: {
        if (x instanceof Integer) {
          return x;
        }
        double v = function == Expr.Function.ROUND ? Math.rint(x.doubleValue()) : (double) (long) x.doubleValue();
        if (Double.isNaN(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw new IrException(function.text() + "(" + Values.render(x) + ") does not fit an int");
        }
        return (int) v;
      }
      case ABS:
        if (x instanceof Integer i) {
          if (i == Integer.MIN_VALUE) {
            throw new IrException("abs(" + i + ") overflows an int");
          }
          return Math.abs(i);
        }
        return Values.normalize(Math.abs(x.doubleValue()));
      case POW: {
        Number y = (Number) args.get(1);
        if (x instanceof Integer base && y instanceof Integer exponent && exponent >= 0) {
          if (Math.abs((long) base) > 1 && exponent > 31) {
            throw new IrException("pow(" + base + ", " + exponent + ") overflows an int");
          }
          try {
            return java.math.BigInteger.valueOf(base).pow(exponent).intValueExact();
          } catch (ArithmeticException overflow) {
            throw new IrException("pow(" + base + ", " + exponent + ") overflows an int");
          }
        }
        return Values.normalize(Math.pow(x.doubleValue(), y.doubleValue()));
      }
      default:
        throw new AssertionError(function);
    }
  }

  static int compare(Object a, Object b, String what) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    throw new IrException(
        what + " compares numbers only, got " + Values.describe(a) + " and " + Values.describe(b));
  }

  private static boolean numericEquals(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  private static int nonZero(int y, BinaryOperator op) {
    if (y == 0) {
      throw new IrException("division by zero in " + op.symbol());
    }
    return y;
  }

  private static double nonZero(double y, BinaryOperator op) {
    if (y == 0) {
      throw new IrException("division by zero in " + op.symbol());
    }
    return y;
  }
}
