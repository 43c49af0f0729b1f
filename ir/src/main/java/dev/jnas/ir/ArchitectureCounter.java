package dev.jnas.ir;

import dev.jnas.ir.expr.Expr;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.LayerChoiceOp;
import dev.jnas.ir.op.Op;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.RepeatOp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the architectures of a graph exactly without enumerating them. Nodes whose undecided
 * choices share no label are independent, so their counts multiply; only where nodes share a
 * label does the count branch on that label's decisions. Each independent node is counted once
 * per relevant decisions (memoized), so a cell of many independent choices costs a product, not
 * a walk over 10^20 leaves.
 */
final class ArchitectureCounter {
  private final Map<Op, Set<String>> labels = new IdentityHashMap<>();
  private final Map<Node, Map<Map<String, Object>, BigInteger>> memo = new IdentityHashMap<>();

  static BigInteger count(Graph graph) {
    return new ArchitectureCounter().count(graph.nodes(), Map.of());
  }

  /** The architectures the pending nodes span given the decisions already taken. */
  private BigInteger count(List<Node> pending, Map<String, Object> decided) {
    List<List<Node>> groups = independentGroups(pending, decided);
    BigInteger total = BigInteger.ONE;
    for (List<Node> group : groups) {
      total = total.multiply(group.size() == 1 ? countAlone(group.get(0), decided) : branch(group, decided));
      if (total.signum() == 0) {
        break;
      }
    }
    return total;
  }

  private BigInteger countAlone(Node node, Map<String, Object> decided) {
    Map<String, Object> relevant = new LinkedHashMap<>();
    for (String label : labels(node.op())) {
      if (decided.containsKey(label)) {
        relevant.put(label, decided.get(label));
      }
    }
    Map<Map<String, Object>, BigInteger> byDecisions = memo.computeIfAbsent(node, n -> new HashMap<>());
    BigInteger known = byDecisions.get(relevant);
    if (known == null) {
      known = branch(List.of(node), decided);
      byDecisions.put(relevant, known);
    }
    return known;
  }

  /** Decides what the first node reaches, then counts it together with the rest. */
  private BigInteger branch(List<Node> group, Map<String, Object> decided) {
    Node first = group.get(0);
    List<Node> rest = group.subList(1, group.size());
    Op op = first.op();
    if (op instanceof PrimitiveOp p) {
      Set<ChoiceOfValues> open = new LinkedHashSet<>();
      for (Expr e : p.attributes().values()) {
        for (ChoiceOfValues c : e.choices()) {
          if (!decided.containsKey(c.label())) {
            open.add(c);
          }
        }
      }
      return values(List.copyOf(open), 0, decided, d -> count(rest, d));
    }
    if (op instanceof LayerChoiceOp lc) {
      if (decided.containsKey(lc.label())) {
        return count(concat(lc.candidate(decided.get(lc.label())).graph().nodes(), rest), decided);
      }
      BigInteger sum = BigInteger.ZERO;
      for (Candidate c : lc.candidates()) {
        sum = sum.add(count(concat(c.graph().nodes(), rest), with(decided, lc.label(), c.key())));
      }
      return sum;
    }
    if (op instanceof InputChoiceOp ic) {
      if (decided.containsKey(ic.label())) {
        return count(rest, decided);
      }
      BigInteger sum = BigInteger.ZERO;
      for (List<Integer> d : ic.decisions(first.inputs().size())) {
        sum = sum.add(count(rest, with(decided, ic.label(), d)));
      }
      return sum;
    }
    if (op instanceof RepeatOp r) {
      List<ChoiceOfValues> open = r.depthChoices().stream().filter(c -> !decided.containsKey(c.label())).toList();
      return values(open, 0, decided, d -> {
        int depth = r.depthUnder(Decisions.of(d));
        List<Node> reached = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
          reached.addAll(r.block(i).nodes());
        }
        return count(concat(reached, rest), d);
      });
    }
    return count(rest, decided); // a loose end decides nothing
  }

  private BigInteger values(List<ChoiceOfValues> open, int index, Map<String, Object> decided,
      java.util.function.Function<Map<String, Object>, BigInteger> then) {
    if (index == open.size()) {
      return then.apply(decided);
    }
    BigInteger sum = BigInteger.ZERO;
    ChoiceOfValues c = open.get(index);
    for (Object value : c.candidates()) {
      sum = sum.add(values(open, index + 1, with(decided, c.label(), value), then));
    }
    return sum;
  }

  /**
   * The pending nodes that still reach an undecided choice, grouped so that nodes sharing an
   * undecided label are in one group (union-find over labels), in order of first node.
   */
  private List<List<Node>> independentGroups(List<Node> pending, Map<String, Object> decided) {
    List<Node> open = new ArrayList<>();
    List<List<String>> openLabels = new ArrayList<>();
    for (Node n : pending) {
      List<String> undecided = labels(n.op()).stream().filter(l -> !decided.containsKey(l)).toList();
      if (!undecided.isEmpty()) {
        open.add(n);
        openLabels.add(undecided);
      }
    }
    int[] parent = new int[open.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < open.size(); i++) {
      for (String label : openLabels.get(i)) {
        Integer j = owner.putIfAbsent(label, i);
        if (j != null) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    Map<Integer, List<Node>> groups = new LinkedHashMap<>();
    for (int i = 0; i < open.size(); i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(open.get(i));
    }
    // A group keeps the nodes' order, so the node that first reaches a shared label branches on it.
    List<List<Node>> out = new ArrayList<>();
    for (int i = 0; i < open.size(); i++) {
      List<Node> g = groups.remove(find(parent, i));
      if (g != null) {
        out.add(g);
      }
    }
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Every label an op may reach, nested candidates and blocks included. */
  private Set<String> labels(Op op) {
    Set<String> known = labels.get(op);
    if (known != null) {
      return known;
    }
    Set<String> out = new LinkedHashSet<>();
    if (op instanceof PrimitiveOp p) {
      p.attributes().values().forEach(e -> e.choices().forEach(c -> out.add(c.label())));
    } else if (op instanceof LayerChoiceOp lc) {
      out.add(lc.label());
      for (Candidate c : lc.candidates()) {
        c.graph().nodes().forEach(n -> out.addAll(labels(n.op())));
      }
    } else if (op instanceof InputChoiceOp ic) {
      out.add(ic.label());
    } else if (op instanceof RepeatOp r) {
      r.depthChoices().forEach(c -> out.add(c.label()));
      for (Graph block : r.blocks()) {
        block.nodes().forEach(n -> out.addAll(labels(n.op())));
      }
    }
    Set<String> frozen = java.util.Collections.unmodifiableSet(out);
    labels.put(op, frozen);
    return frozen;
  }

  private static Map<String, Object> with(Map<String, Object> decided, String label, Object decision) {
    Map<String, Object> out = new HashMap<>(decided);
    out.put(label, decision);
    return out;
  }

  private static List<Node> concat(List<Node> first, List<Node> second) {
    if (second.isEmpty()) {
      return first;
    }
    List<Node> out = new ArrayList<>(first.size() + second.size());
    out.addAll(first);
    out.addAll(second);
    return out;
  }
}
