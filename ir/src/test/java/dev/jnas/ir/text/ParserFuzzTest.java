package dev.jnas.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jnas.ir.Goldens;
import dev.jnas.ir.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Mutates the golden texts at random and feeds them to the parser: each either parses to a graph
 * that prints and parses back equal, or raises an {@link IrParseException} with a position inside
 * the text. Any other outcome fails, showing the text. The seed changes every run (and is
 * printed), so the corpus grows across runs; set {@code -Dfuzz.seed=N} to replay one.
 */
class ParserFuzzTest {
  private static final int TEXTS = 10_000;
  private static final Pattern TOKEN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?|[A-Za-z_][A-Za-z0-9_.]*|\"[^\"]*\"|//|==|!=|<=|>=|\\S");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?");
  private static final String[] NOISE = {
      "(", ")", "{", "}", "[", "]", ",", "=", ":", "\"", "#", "-", ".", "//", "==", "%", "*", "+", "/",
      "graph", "return", "true", "false", "N", "x", "choice", "min", "max", "if", "layerChoice",
      "inputChoice", "repeat", "placeholder", "shape=", "label=", "0", "-1", "1.5E300", "1e999", "2147483648", "\n", " ", "\t",
      "\\", "\\u12", "\u00e9", "\u0000", "@", "$", "in=", "out=", "kernel=", "conv2d", "relu", "add",
  };
  private static final String[] NUMBERS = {"0", "-1", "1", "2", "3", "7", "64", "9216", "0.5", "1.0", "-0.0", "1.0E-5", "99999999999", "2147483647", "-2147483648"};

  @Test
  void tenThousandMutatedTextsEitherRoundTripOrFailWithAPosition() {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    // every-choice has 2,592 architectures to shape-check per successful parse: draw it less often.
    List<String> seeds = new ArrayList<>();
    for (String name : Goldens.ALL) {
      int weight = name.equals("every-choice") ? 1 : 5;
      for (int w = 0; w < weight; w++) {
        seeds.add(Goldens.text(name));
      }
    }
    int parsed = 0;
    int rejected = 0;
    for (int i = 0; i < TEXTS; i++) {
      String text = seeds.get(random.nextInt(seeds.size()));
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        text = mutate(text, random);
      }
      try {
        Graph g = IrParser.parse(text);
        String printed = IrPrinter.print(g);
        Graph again = IrParser.parse(printed);
        assertEquals(g, again, () -> "reprint differs for seed " + seed);
        assertEquals(printed, IrPrinter.print(again));
        parsed++;
      } catch (IrParseException e) {
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        assertTrue(e.line() >= 1 && e.line() <= lines && e.column() >= 1, () -> "bad position " + e.getMessage());
        assertTrue(!e.reason().isBlank());
        rejected++;
      } catch (Throwable t) {
        fail("seed " + seed + ": " + t + " on text:\n" + text, t);
      }
    }
    System.out.printf("parser fuzz (seed %d): %d parsed and round-tripped, %d rejected with a position%n", seed, parsed, rejected);
    assertEquals(TEXTS, parsed + rejected);
    assertTrue(parsed > TEXTS / 20, "too few mutants parse for the round trip to be exercised: " + parsed);
    assertTrue(rejected > TEXTS / 4, "too few mutants are rejected for the errors to be exercised: " + rejected);
  }

  private static String mutate(String text, Random random) {
    if (text.isEmpty()) {
      return NOISE[random.nextInt(NOISE.length)];
    }
    int at = random.nextInt(text.length());
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int line = random.nextInt(lines.size());
    switch (random.nextInt(12)) {
      case 10:
      case 11:
        return insertLayout(text, random);
      case 0:
        return text.substring(0, at) + text.substring(at + 1);
      case 1:
        return text.substring(0, at) + NOISE[random.nextInt(NOISE.length)] + text.substring(at);
      case 2:
        return text.substring(0, at) + NOISE[random.nextInt(NOISE.length)] + text.substring(at + 1);
      case 3:
        lines.remove(line);
        return String.join("\n", lines);
      case 4:
        lines.add(line, lines.get(line));
        return String.join("\n", lines);
      case 5: {
        int other = random.nextInt(lines.size());
        String swap = lines.get(line);
        lines.set(line, lines.get(other));
        lines.set(other, swap);
        return String.join("\n", lines);
      }
      case 6:
        return text.substring(0, at);
      case 7:
        return replaceToken(text, NUMBER, random, (t, r) -> NUMBERS[r.nextInt(NUMBERS.length)]);
      case 8: {
        List<String> words = tokens(text, TOKEN);
        return replaceToken(text, TOKEN, random, (t, r) -> words.get(r.nextInt(words.size())));
      }
      default:
        return replaceToken(text, TOKEN, random, (t, r) -> "");
    }
  }

  /** Inserts blanks, a line break or a comment between two tokens: the text keeps its meaning. */
  private static String insertLayout(String text, Random random) {
    String[] layout = {" ", "\n", "\t", "  # a comment\n", "\n\n"};
    for (int tries = 0; tries < 20; tries++) {
      int at = random.nextInt(text.length());
      if (Character.isWhitespace(text.charAt(at))) {
        return text.substring(0, at) + layout[random.nextInt(layout.length)] + text.substring(at);
      }
    }
    return text;
  }

  private static List<String> tokens(String text, Pattern pattern) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static String replaceToken(
      String text, Pattern pattern, Random random, java.util.function.BiFunction<String, Random, String> with) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return text;
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    return text.substring(0, span[0]) + with.apply(text.substring(span[0], span[1]), random) + text.substring(span[1]);
  }
}
