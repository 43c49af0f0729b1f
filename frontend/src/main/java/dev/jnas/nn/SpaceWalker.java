package dev.jnas.nn;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.IrException;
import dev.jnas.ir.expr.ChoiceOfValues;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.op.Candidate;
import dev.jnas.ir.op.InputChoiceOp;
import dev.jnas.ir.op.Reduction;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a module tree depth-first over fields in declaration order (superclass fields first),
 * giving each module its path and each choice its label: the explicit label, else the path where
 * the walk first meets it. One label is one decision; the same label with other candidates is an
 * error naming both places.
 */
final class SpaceWalker {
  private final Map<NasModule, String> paths = new IdentityHashMap<>();
  private final Map<Object, String> labels = new IdentityHashMap<>();
  private final Map<String, Choice> choices = new LinkedHashMap<>();
  private final Map<String, String> places = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
  /** The decisions of the choices around the module being walked that make it active. */
  private final Map<String, Object> context = new LinkedHashMap<>();

  private SpaceWalker() {}

  static SpaceInfo walk(NasModule root) {
    SpaceWalker walker = new SpaceWalker();
    walker.module(root, "");
    return new SpaceInfo(walker.paths, walker.labels, List.copyOf(walker.choices.values()),
        new HashSet<>(walker.paths.values()), walker.contexts);
  }

  /** The named children of a module as the walk sees them: fields, or indexed entries. */
  static List<Map.Entry<String, Object>> children(NasModule m) {
    List<Map.Entry<String, Object>> out = new ArrayList<>();
    if (m instanceof LayerChoice lc) {
      lc.candidates.forEach((k, v) -> out.add(new AbstractMap.SimpleEntry<>(k, v)));
    } else if (m instanceof Repeat r) {
      for (int i = 0; i < r.blocks.size(); i++) {
        out.add(new AbstractMap.SimpleEntry<>(Integer.toString(i), r.blocks.get(i)));
      }
    } else if (m instanceof ModuleList list) {
      for (int i = 0; i < list.modules.size(); i++) {
        out.add(new AbstractMap.SimpleEntry<>(Integer.toString(i), list.modules.get(i)));
      }
    } else if (m instanceof Cell cell) {
      cell.parts.forEach((k, v) -> out.add(new AbstractMap.SimpleEntry<>(k, v)));
    } else if (!(m instanceof InputChoice)) {
      for (Field f : fields(m.getClass())) {
        try {
          f.setAccessible(true);
          out.add(new AbstractMap.SimpleEntry<>(f.getName(), f.get(m)));
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new SpaceException("cannot read field " + m.getClass().getSimpleName() + "." + f.getName()
              + " to find submodules and choices: " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  private static List<Field> fields(Class<?> type) {
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = type; c != null && c != NasModule.class && c != Layer.class && c != Object.class; c = c.getSuperclass()) {
      chain.add(0, c);
    }
    List<Field> out = new ArrayList<>();
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private void module(NasModule m, String path) {
    if (paths.containsKey(m)) {
      return;
    }
    paths.put(m, path);
    if (m instanceof LayerChoice lc) {
      layerChoice(lc, path);
    } else if (m instanceof InputChoice ic) {
      inputChoice(ic, path);
    } else if (m instanceof Repeat r) {
      repeat(r, path);
    }
    for (Map.Entry<String, Object> child : children(m)) {
      Map<String, Object> requires = new LinkedHashMap<>();
      if (m instanceof LayerChoice lc) {
        requires.put(labels.get(lc), Candidate.keyOf(child.getKey()));
      } else if (m instanceof Repeat r && r.depth instanceof ValueChoice<?>) {
        Map<ValueChoice.Leaf<?>, Object> reaching = r.smallestDepthReaching(Integer.parseInt(child.getKey()) + 1);
        if (reaching == null) {
          continue; // no depth reaches this block, so nothing in it is ever active
        }
        reaching.forEach((leaf, d) -> requires.put(labels.get(leaf), d));
      }
      List<String> pushed = new ArrayList<>();
      requires.forEach((label, decision) -> {
        if (!context.containsKey(label)) {
          context.put(label, decision);
          pushed.add(label);
        }
      });
      value(child.getValue(), join(path, child.getKey()), m);
      pushed.forEach(context::remove);
    }
  }

  private void value(Object value, String path, NasModule owner) {
    if (value instanceof NasModule child) {
      module(child, path);
    } else if (value instanceof ValueChoice<?> vc) {
      valueChoice(vc, path);
    } else if (value instanceof Collection<?> || value instanceof Object[] || value instanceof Map<?, ?>) {
      List<Object> items = new ArrayList<>();
      if (value instanceof Collection<?> c) {
        items.addAll(c);
      } else if (value instanceof Object[] array) {
        items.addAll(List.of(array));
      } else {
        items.addAll(((Map<?, ?>) value).values());
      }
      for (int i = 0; i < items.size(); i++) {
        Object item = items.get(i);
        if (item instanceof NasModule) {
          throw new SpaceException("field '" + path + "' of " + owner.getClass().getSimpleName()
              + " holds modules in a " + value.getClass().getSimpleName()
              + "; use a ModuleList or Sequential so jnas can see and name them");
        }
        if (item instanceof ValueChoice<?> vc) {
          valueChoice(vc, path + "." + i);
        }
      }
    }
  }

  private void valueChoice(ValueChoice<?> vc, String path) {
    List<ValueChoice.Leaf<?>> leaves = new ArrayList<>();
    vc.leaves(leaves);
    int unlabelled = 0;
    for (ValueChoice.Leaf<?> leaf : leaves) {
      if (labels.containsKey(leaf)) {
        continue;
      }
      String label = leaf.explicitLabel != null ? leaf.explicitLabel : unlabelled++ == 0 ? path : path + "_" + (unlabelled - 1);
      leafChoice(leaf, label, ChoiceKind.VALUE, path);
    }
  }

  private void leafChoice(ValueChoice.Leaf<?> leaf, String label, ChoiceKind kind, String path) {
    List<Object> candidates;
    try {
      candidates = new ChoiceOfValues(label, leaf.candidates).candidates();
    } catch (IrException e) {
      throw new SpaceException("ValueChoice '" + label + "' at " + describe(path) + ": " + e.getMessage());
    }
    labels.put(leaf, label);
    register(new Choice(label, kind, candidates), path);
  }

  private void layerChoice(LayerChoice lc, String path) {
    String label = lc.explicitLabel != null ? lc.explicitLabel : path;
    if (lc.candidates.isEmpty()) {
      throw new SpaceException("LayerChoice '" + label + "' at " + describe(path) + " has no candidates");
    }
    List<Object> keys = new ArrayList<>();
    for (Map.Entry<String, NasModule> c : lc.candidates.entrySet()) {
      if (c.getValue() == null) {
        throw new SpaceException("LayerChoice '" + label + "' candidate " + c.getKey() + " is null");
      }
      if (Candidate.isValidName(c.getKey())) {
        keys.add(Candidate.keyOf(c.getKey()));
      } else {
        throw new SpaceException("LayerChoice '" + label + "' candidate name '" + c.getKey()
            + "' must be an identifier (letters, digits, _; not starting with a digit)");
      }
    }
    labels.put(lc, label);
    register(new Choice(label, ChoiceKind.LAYER, keys), path);
  }

  private void inputChoice(InputChoice ic, String path) {
    String label = ic.explicitLabel != null ? ic.explicitLabel : path;
    if (ic.nCandidates < 1 || ic.nChosen < 0 || ic.nChosen > ic.nCandidates) {
      throw new SpaceException("InputChoice '" + label + "' at " + describe(path) + " chooses " + ic.nChosen
          + " of " + ic.nCandidates + " candidates; it needs 1 <= nChosen <= nCandidates");
    }
    InputChoiceOp op;
    try {
      op = new InputChoiceOp(label, ic.nChosen, ic.reduction,
          ic.reduction == Reduction.NONE && ic.nChosen > 1 ? 0 : -1);
    } catch (IrException e) {
      throw new SpaceException("InputChoice '" + label + "' at " + describe(path) + ": " + e.getMessage());
    }
    labels.put(ic, label);
    register(new Choice(label, ChoiceKind.INPUT, new ArrayList<>(op.decisions(ic.nCandidates))), path);
  }

  private void repeat(Repeat r, String path) {
    if (r.depth instanceof ValueChoice.Composite<?> expression) {
      valueChoice(expression, r.explicitLabel != null ? r.explicitLabel : path);
    } else if (r.depth instanceof ValueChoice.Leaf<?> leaf) {
      String label = labels.containsKey(leaf) ? labels.get(leaf)
          : leaf.explicitLabel != null ? leaf.explicitLabel
          : r.explicitLabel != null ? r.explicitLabel : path;
      if (!labels.containsKey(leaf)) {
        leafChoice(leaf, label, ChoiceKind.REPEAT, path);
      }
      labels.put(r, label);
    }
  }

  private void register(Choice choice, String path) {
    Choice earlier = choices.get(choice.label());
    if (earlier == null) {
      choices.put(choice.label(), choice);
      places.put(choice.label(), path);
      contexts.put(choice.label(), Map.copyOf(context));
      return;
    }
    boolean valueLike = isValueLike(earlier.kind()) && isValueLike(choice.kind());
    if ((earlier.kind() != choice.kind() && !valueLike) || !earlier.candidates().equals(choice.candidates())) {
      throw new SpaceException("label '" + choice.label() + "' is used for two different choices: "
          + describe(earlier) + " at " + describe(places.get(choice.label())) + ", and " + describe(choice)
          + " at " + describe(path) + "; give one of them another label");
    }
  }

  private static boolean isValueLike(ChoiceKind kind) {
    return kind == ChoiceKind.VALUE || kind == ChoiceKind.REPEAT;
  }

  private static String describe(Choice c) {
    return c.kind().name().toLowerCase(java.util.Locale.ROOT) + " choice " + Values.render(c.candidates());
  }

  private static String describe(String path) {
    return path.isEmpty() ? "the root" : "'" + path + "'";
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
