package dev.jnas.nn;

import dev.jnas.ir.Choice;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What walking a module tree found: each module's path, each choice's label, the choices in
 * order of first appearance, and for each choice the decisions of the choices around it that
 * make it active where the walk first met it (see {@link dev.jnas.ir.ShapeCheck#contexts}).
 */
record SpaceInfo(Map<NasModule, String> paths, Map<Object, String> labels, List<Choice> choices, Set<String> modulePaths,
    Map<String, Map<String, Object>> contexts) {

  String path(NasModule m) {
    return paths.get(m);
  }

  String label(Object choice) {
    return labels.get(choice);
  }

  boolean hasChoice(String label) {
    return choices.stream().anyMatch(c -> c.label().equals(label));
  }
}
