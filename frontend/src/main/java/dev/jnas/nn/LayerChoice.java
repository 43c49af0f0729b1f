package dev.jnas.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A choice among candidate modules that take the same inputs: by position
 * ({@code new LayerChoice(a, b)}, decisions 0, 1, ...) or by name (a map, decisions its keys).
 * Candidates may hold choices of their own. Labelled by its field path unless labelled.
 */
public final class LayerChoice extends NasModule {
  final Map<String, NasModule> candidates = new LinkedHashMap<>();
  final boolean named;
  String explicitLabel;

  /** A choice among {@code candidates}, named by their index ("0", "1", ...). */
  public LayerChoice(NasModule... candidates) {
    for (int i = 0; i < candidates.length; i++) {
      this.candidates.put(Integer.toString(i), candidates[i]);
    }
    this.named = false;
  }

  /** Named candidates, in the map's iteration order (use a LinkedHashMap or Map.of for one entry). */
  public LayerChoice(Map<String, ? extends NasModule> candidates) {
    this.candidates.putAll(candidates);
    this.named = true;
  }

  /**
   * Labels this choice (by default, its field's path); throws {@link SpaceException} for a null or blank label.
   * Returns this choice.
   */
  public LayerChoice label(String label) {
    this.explicitLabel = SpaceException.label(label, "a LayerChoice");
    return this;
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(new Tensor[] {x});
  }

  @Override
  public Tensor forward(Tensor... inputs) {
    return Trace.current("LayerChoice.forward").layerChoice(this, inputs);
  }
}
