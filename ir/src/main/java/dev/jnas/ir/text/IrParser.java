package dev.jnas.ir.text;

import dev.jnas.ir.Graph;
import dev.jnas.ir.IrException;
import dev.jnas.ir.Node;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.expr.BinaryOperator;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.LooseEndOp;
import dev.jnas.ir.op.Op;
import dev.jnas.ir.op.OpRegistry;
import dev.jnas.ir.op.PlaceholderOp;
import dev.jnas.ir.op.Reduction;
import dev.jnas.ir.op.RepeatOp;
import dev.jnas.ir.text.JnasIrParser.ArgumentContext;
import dev.jnas.ir.text.JnasIrParser.CandidateContext;
import dev.jnas.ir.text.JnasIrParser.ExprContext;
import dev.jnas.ir.text.JnasIrParser.GraphContext;
import dev.jnas.ir.text.JnasIrParser.LiteralContext;
import dev.jnas.ir.text.JnasIrParser.NameContext;
import dev.jnas.ir.text.JnasIrParser.StatementContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Reads IR text (see {@link IrPrinter}) into a linted {@link Graph}. Every fault in the input,
 * from a stray character to a shape mismatch, is an {@link IrParseException} at its line and
 * column; no other exception escapes. Attributes may come in any order, and those with a default
 * may be left out; {@code #} starts a comment.
 */
public final class IrParser {
  private static final BaseErrorListener THROWING =
      new BaseErrorListener() {
        @Override
        public void syntaxError(
            Recognizer<?, ?> recognizer, Object offending, int line, int column, String message,
            RecognitionException e) {
          throw new IrParseException(line, column + 1, message);
        }
      };

  private IrParser() {}

  public static Graph parse(String text) {
    try {
      return new IrParser().graph(antlr(text).file().graph());
    } catch (StackOverflowError e) {
      throw new IrParseException(1, 1, "the input nests too deeply to parse");
    }
  }

  /**
   * Reads a literal (a number, string, boolean, list or map; JSON without null is one), keeping a
   * map's keys in their written order. Faults are {@link IrParseException}s.
   */
  public static Object parseLiteral(String text) {
    try {
      ExprContext expr = antlr(text).value().expr();
      if (expr instanceof JnasIrParser.MapExprContext m) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (JnasIrParser.EntryContext entry : m.entry()) {
          if (!(new IrParser().expr(entry.expr()) instanceof Expr.Literal value)) {
            throw at(entry.expr().start, "expected a literal value");
          }
          if (ordered.put(unescape(entry.STRING().getSymbol()), value.value()) != null) {
            throw at(entry.start, "key " + entry.STRING().getText() + " is given twice");
          }
        }
        return ordered;
      }
      if (!(new IrParser().expr(expr) instanceof Expr.Literal literal)) {
        throw at(expr.start, "expected a literal: a number, string, boolean, list or map");
      }
      return literal.value();
    } catch (StackOverflowError e) {
      throw new IrParseException(1, 1, "the input nests too deeply to parse");
    }
  }

  /** The generated parser over {@code text}, throwing at the first lexical or syntax error. */
  private static JnasIrParser antlr(String text) {
    JnasIrLexer lexer = new JnasIrLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    lexer.addErrorListener(THROWING);
    JnasIrParser parser = new JnasIrParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(THROWING);
    return parser;
  }

  /** Where each node and candidate graph of one graph was written, to place lint errors. */
  private record Positions(Token start, Map<String, Token> values, Map<String, Map<String, Positions>> nested) {
    Token locate(List<String> path) {
      Positions here = this;
      Token best = start;
      for (int i = 0; i < path.size(); i += 2) {
        Token node = here.values.get(path.get(i));
        if (node == null) {
          break;
        }
        best = node;
        Map<String, Positions> candidates = here.nested.get(path.get(i));
        if (i + 1 >= path.size() || candidates == null || !candidates.containsKey(path.get(i + 1))) {
          break;
        }
        here = candidates.get(path.get(i + 1));
        best = here.start;
      }
      return best;
    }
  }

  private Graph graph(GraphContext ctx) {
    return graph(ctx, new Positions(ctx.start, new HashMap<>(), new HashMap<>()));
  }

  private Graph graph(GraphContext ctx, Positions positions) {
    NameContext graphName = ctx.name(0);
    Graph.Builder builder = guard(graphName.start, () -> Graph.builder(graphName.getText()));
    Set<String> defined = new HashSet<>();
    for (JnasIrParser.ParamContext param : ctx.param()) {
      String name = define(param.name(), defined, positions);
      if (param.shape() == null) {
        guard(param.start, () -> builder.input(name));
      } else {
        TensorShape shape = shape(param.shape());
        guard(param.start, () -> builder.input(name, shape));
      }
    }
    for (StatementContext statement : ctx.statement()) {
      Token at = statement.name(0).start;
      String name = statement.name(0).getText();
      List<String> inputs = new ArrayList<>();
      Map<String, ArgumentContext> attributes = new LinkedHashMap<>();
      for (ArgumentContext arg : statement.argument()) {
        if (arg instanceof JnasIrParser.PositionalContext p) {
          if (!attributes.isEmpty()) {
            throw at(p.start, "input '" + p.getText() + "' must come before the attributes");
          }
          if (!defined.contains(p.getText())) {
            throw at(p.start, "'" + p.getText() + "' is not defined before this node; expected an input or an earlier node");
          }
          inputs.add(p.getText());
        } else {
          JnasIrParser.KeywordContext k = (JnasIrParser.KeywordContext) arg;
          if (attributes.put(k.name().getText(), k) != null) {
            throw at(k.start, "attribute '" + k.name().getText() + "' is given twice");
          }
        }
      }
      String shares = null;
      if (attributes.containsKey(IrPrinter.SHARES)) {
        shares = stringAttribute(statement.op.getText(), attributes, IrPrinter.SHARES, at);
        attributes.remove(IrPrinter.SHARES);
      }
      Map<String, Positions> nested = new HashMap<>();
      Op op = op(statement, attributes, nested);
      define(statement.name(0), defined, positions);
      positions.nested.put(name, nested);
      String owner = shares;
      guard(at, () -> builder.node(new Node(name, op, inputs, owner)));
    }
    List<NameContext> returns = ctx.name().subList(1, ctx.name().size());
    for (NameContext output : returns) {
      if (!defined.contains(output.getText())) {
        throw at(output.start, "returns '" + output.getText() + "', which is not defined; expected an input or a node");
      }
      builder.output(output.getText());
    }
    try {
      return builder.build();
    } catch (IrException e) {
      throw at(positions.locate(e.path()), e.getMessage());
    }
  }

  private String define(NameContext name, Set<String> defined, Positions positions) {
    String text = name.getText();
    if (!defined.add(text)) {
      throw at(name.start, "'" + text + "' is already defined in this graph; names must be unique");
    }
    positions.values.put(text, name.start);
    return text;
  }

  private Op op(StatementContext statement, Map<String, ArgumentContext> attributes, Map<String, Positions> nested) {
    Token at = statement.op.start;
    String kind = statement.op.getText();
    List<CandidateContext> candidates =
        statement.candidates() == null ? null : statement.candidates().candidate();
    switch (kind) {
      case "layerChoice": {
        allowOnly(kind, attributes, "label");
        String label = stringAttribute(kind, attributes, "label", at);
        List<Candidate> list = new ArrayList<>();
        for (CandidateContext c : requireCandidates(kind, candidates, at)) {
          Positions inner = new Positions(c.graph().start, new HashMap<>(), new HashMap<>());
          Graph g = graph(c.graph(), inner);
          String name = c.candidateName().getText();
          nested.put(name, inner);
          list.add(guard(c.start, () -> new Candidate(name, g)));
        }
        return guard(at, () -> new LayerChoiceOp(label, list));
      }
      case "inputChoice": {
        allowOnly(kind, attributes, "label", "chosen", "reduction", "pick");
        noCandidates(kind, candidates);
        String label = stringAttribute(kind, attributes, "label", at);
        Object chosen = attributes.containsKey("chosen") ? literalAttribute(attributes.get("chosen")) : 1;
        if (!(chosen instanceof Integer n)) {
          throw at(attributes.get("chosen").start, "attribute 'chosen' must be an int");
        }
        String reductionText = stringAttribute(kind, attributes, "reduction", at);
        Reduction reduction = reduction(reductionText, attributes.get("reduction").start);
        Object pick = attributes.containsKey("pick") ? literalAttribute(attributes.get("pick")) : -1;
        if (!(pick instanceof Integer p)) {
          throw at(attributes.get("pick").start, "attribute 'pick' must be an int");
        }
        return guard(at, () -> new InputChoiceOp(label, n, reduction, p));
      }
      case "looseEnd": {
        allowOnly(kind, attributes, "labels", "offset");
        noCandidates(kind, candidates);
        Object labels = attributes.containsKey("labels") ? literalAttribute(attributes.get("labels")) : null;
        Object offset = attributes.containsKey("offset") ? literalAttribute(attributes.get("offset")) : null;
        if (!(labels instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
          throw at(at, "looseEnd needs attribute 'labels', a list of input choice labels");
        }
        if (!(offset instanceof Integer n)) {
          throw at(at, "looseEnd needs attribute 'offset', an int");
        }
        List<String> names = list.stream().map(String.class::cast).toList();
        return guard(at, () -> new LooseEndOp(names, n));
      }
      case "placeholder": {
        allowOnly(kind, attributes, "label", "shape", "info");
        noCandidates(kind, candidates);
        String label = stringAttribute(kind, attributes, "label", at);
        Object shape = attributes.containsKey("shape") ? literalAttribute(attributes.get("shape")) : IrPrinter.SAME_SHAPE;
        Object info = attributes.containsKey("info") ? literalAttribute(attributes.get("info")) : Map.of();
        Optional<List<Integer>> dims;
        if (IrPrinter.SAME_SHAPE.equals(shape)) {
          dims = Optional.empty();
        } else if (shape instanceof List<?> list && list.stream().allMatch(Integer.class::isInstance)) {
          dims = Optional.of(list.stream().map(Integer.class::cast).toList());
        } else {
          throw at(attributes.get("shape").start, "attribute 'shape' must be \"same\" or a list of ints (sizes per example, 0 copies the input's)");
        }
        if (!(info instanceof Map<?, ?> map)) {
          throw at(attributes.get("info").start, "attribute 'info' must be a map, such as {\"kernel\": 3}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> infoMap = (Map<String, Object>) map;
        return guard(at, () -> new PlaceholderOp(label, dims, infoMap));
      }
      case "repeat": {
        allowOnly(kind, attributes, "depth");
        ArgumentContext depth = attributes.get("depth");
        if (depth == null) {
          throw at(at, "repeat needs attribute 'depth' (an int or a choice)");
        }
        Expr depthExpr = expr(((JnasIrParser.KeywordContext) depth).expr());
        List<Graph> blocks = new ArrayList<>();
        List<CandidateContext> list = requireCandidates(kind, candidates, at);
        for (int i = 0; i < list.size(); i++) {
          CandidateContext c = list.get(i);
          if (!c.candidateName().getText().equals(Integer.toString(i))) {
            throw at(c.start, "repeat block " + i + " must be named " + i + ", not " + c.candidateName().getText());
          }
          Positions inner = new Positions(c.graph().start, new HashMap<>(), new HashMap<>());
          blocks.add(graph(c.graph(), inner));
          nested.put(Integer.toString(i), inner);
        }
        return guard(depth.start, () -> new RepeatOp(depthExpr, blocks));
      }
      default: {
        if (!OpRegistry.isPrimitive(kind)) {
          throw at(at, "unknown op '" + kind + "'; expected one of " + String.join(", ", OpRegistry.kinds())
              + ", layerChoice, inputChoice, repeat, looseEnd or placeholder");
        }
        noCandidates(kind, candidates);
        allowOnly(kind, attributes, OpRegistry.attributeNames(kind).toArray(String[]::new));
        Map<String, Expr> values = new LinkedHashMap<>();
        for (Map.Entry<String, ArgumentContext> a : attributes.entrySet()) {
          values.put(a.getKey(), expr(((JnasIrParser.KeywordContext) a.getValue()).expr()));
        }
        return guard(at, () -> OpRegistry.create(kind, values));
      }
    }
  }

  private static List<CandidateContext> requireCandidates(String kind, List<CandidateContext> candidates, Token at) {
    if (candidates == null || candidates.isEmpty()) {
      throw at(at, kind + " needs a block of candidate graphs: { 0 = graph ... }");
    }
    return candidates;
  }

  private static void noCandidates(String kind, List<CandidateContext> candidates) {
    if (candidates != null) {
      throw at(candidates.isEmpty() ? null : candidates.get(0).start, kind + " takes no candidate graphs");
    }
  }

  private static void allowOnly(String kind, Map<String, ArgumentContext> attributes, String... allowed) {
    List<String> names = List.of(allowed);
    for (Map.Entry<String, ArgumentContext> a : attributes.entrySet()) {
      if (!names.contains(a.getKey())) {
        throw at(a.getValue().start, kind + " has no attribute '" + a.getKey() + "'; expected "
            + (names.isEmpty() ? "none" : String.join(", ", names)));
      }
    }
  }

  private String stringAttribute(String kind, Map<String, ArgumentContext> attributes, String name, Token at) {
    ArgumentContext arg = attributes.get(name);
    if (arg == null) {
      throw at(at, kind + " needs attribute '" + name + "' (a string)");
    }
    if (!(literalAttribute(arg) instanceof String s)) {
      throw at(arg.start, "attribute '" + name + "' must be a string");
    }
    return s;
  }

  private Object literalAttribute(ArgumentContext arg) {
    Expr e = expr(((JnasIrParser.KeywordContext) arg).expr());
    if (!(e instanceof Expr.Literal l)) {
      throw at(arg.start, "attribute '" + ((JnasIrParser.KeywordContext) arg).name().getText() + "' must be a literal");
    }
    return l.value();
  }

  private static Reduction reduction(String text, Token at) {
    for (Reduction r : Reduction.values()) {
      if (r.text().equals(text)) {
        return r;
      }
    }
    throw at(at, "reduction \"" + text + "\" is unknown; expected \"sum\", \"mean\", \"concat\" or \"none\"");
  }

  private static TensorShape shape(JnasIrParser.ShapeContext ctx) {
    List<Long> dims = new ArrayList<>();
    for (JnasIrParser.DimContext dim : ctx.dim()) {
      if (dim.INT() != null) {
        try {
          dims.add(Long.parseLong(dim.getText()));
        } catch (NumberFormatException e) {
          throw at(dim.start, "dimension " + dim.getText() + " is too large");
        }
      } else if (dim.getText().equals("N")) {
        dims.add(TensorShape.UNKNOWN);
      } else {
        throw at(dim.start, "dimension '" + dim.getText() + "' is unknown; expected a size or N (the batch)");
      }
    }
    return new TensorShape(dims);
  }

  private Expr expr(ExprContext ctx) {
    if (ctx instanceof JnasIrParser.ParensContext p) {
      return expr(p.expr());
    }
    if (ctx instanceof JnasIrParser.LiteralExprContext l) {
      return Expr.of(literal(l.literal()));
    }
    if (ctx instanceof JnasIrParser.BinaryContext b) {
      BinaryOperator op = BinaryOperator.fromSymbol(b.op.getText());
      Expr left = expr(b.expr(0));
      Expr right = expr(b.expr(1));
      return guard(b.op, () -> new Expr.Binary(op, left, right));
    }
    if (ctx instanceof JnasIrParser.LookupContext l) {
      Expr target = expr(l.expr(0));
      Expr key = expr(l.expr(1));
      return guard(l.start, () -> new Expr.Lookup(target, key));
    }
    if (ctx instanceof JnasIrParser.ListExprContext l) {
      List<Expr> elements = new ArrayList<>();
      l.expr().forEach(e -> elements.add(expr(e)));
      return Expr.list(elements);
    }
    if (ctx instanceof JnasIrParser.MapExprContext m) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (JnasIrParser.EntryContext entry : m.entry()) {
        String key = unescape(entry.STRING().getSymbol());
        if (!(expr(entry.expr()) instanceof Expr.Literal value)) {
          throw at(entry.expr().start, "map values must be literals");
        }
        if (map.put(key, value.value()) != null) {
          throw at(entry.start, "map key " + entry.STRING().getText() + " is given twice");
        }
      }
      return Expr.of(map);
    }
    JnasIrParser.CallContext call = (JnasIrParser.CallContext) ctx;
    String function = call.name().getText();
    List<Expr> args = new ArrayList<>();
    call.expr().forEach(e -> args.add(expr(e)));
    if (function.equals("choice")) {
      return choice(call, args);
    }
    return guard(call.start, () -> new Expr.Call(Expr.Function.fromText(function), args));
  }

  private static Expr choice(JnasIrParser.CallContext call, List<Expr> args) {
    if (args.size() != 2
        || !(args.get(0) instanceof Expr.Literal label && label.value() instanceof String text)
        || !(args.get(1) instanceof Expr.Literal candidates && candidates.value() instanceof List<?> list)) {
      throw at(call.start, "choice takes a label and a list of literal candidates: choice(\"label\", [1, 2])");
    }
    return guard(call.start, () -> Expr.ref(new ChoiceOfValues(text, new ArrayList<>(list))));
  }

  private static Object literal(LiteralContext ctx) {
    if (ctx instanceof JnasIrParser.IntLiteralContext i) {
      try {
        return Integer.parseInt(i.getText());
      } catch (NumberFormatException e) {
        throw at(ctx.start, "integer " + i.getText() + " is out of the int range");
      }
    }
    if (ctx instanceof JnasIrParser.FloatLiteralContext f) {
      double value = Double.parseDouble(f.getText());
      if (!Double.isFinite(value)) {
        throw at(ctx.start, "number " + f.getText() + " is out of the double range");
      }
      return value;
    }
    if (ctx instanceof JnasIrParser.StringLiteralContext s) {
      return unescape(s.STRING().getSymbol());
    }
    return ctx.getText().equals("true");
  }

  private static String unescape(Token token) {
    String text = token.getText();
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }

  private static <T> T guard(Token at, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (IrParseException e) {
      throw e;
    } catch (IrException e) {
      throw at(at, e.getMessage());
    }
  }

  private static void guard(Token at, Runnable step) {
    guard(at, () -> {
      step.run();
      return null;
    });
  }

  private static IrParseException at(Token token, String message) {
    if (token == null) {
      return new IrParseException(1, 1, message);
    }
    return new IrParseException(token.getLine(), token.getCharPositionInLine() + 1, message);
  }
}
