package dev.jnas.engine;

import dev.jnas.ir.Choice;
import dev.jnas.ir.ChoiceKind;
import dev.jnas.ir.expr.Values;
import dev.jnas.ir.text.IrParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom mutators' choices as an experiment's store records them ({@value #KEY}), so that
 * readers without the mutators (the web UI, {@code jnas view}) list them and a resume checks it
 * has the same ones: {@code [{"candidates": [...], "kind": "LAYER", "label": "act"}]}.
 */
final class RecordedChoices {
  static final String KEY = "custom_choices";
  /** What an experiment without custom mutators (or recorded before them) holds. */
  static final String NONE = "[]";

  private RecordedChoices() {}

  static String write(List<Choice> choices) {
    List<Object> out = new ArrayList<>();
    for (Choice c : choices) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("label", c.label());
      entry.put("kind", c.kind().name());
      entry.put("candidates", c.candidates());
      out.add(entry);
    }
    return Values.render(Values.normalize(out));
  }

  /** The recorded choices; an {@link IllegalArgumentException} naming the text when it is not what {@link #write} writes. */
  static List<Choice> read(String text) {
    try {
      List<Choice> out = new ArrayList<>();
      for (Object entry : (List<?>) IrParser.parseLiteral(text)) {
        Map<?, ?> map = (Map<?, ?>) entry;
        out.add(new Choice((String) map.get("label"), ChoiceKind.valueOf((String) map.get("kind")),
            new ArrayList<Object>((List<?>) map.get("candidates"))));
      }
      return out;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the recorded custom choices are unreadable: " + text, e);
    }
  }

  /** For messages: {@code [stem ["conv3", "conv1"], act ["relu", "gelu"]]}. */
  static String describe(List<Choice> choices) {
    return choices.stream().map(c -> c.label() + " " + Values.render(c.candidates())).toList().toString();
  }
}
