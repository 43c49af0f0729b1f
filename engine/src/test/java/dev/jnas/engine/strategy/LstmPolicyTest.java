package dev.jnas.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LstmPolicyTest {
  private static final int[] CANDIDATES = {3, 2, 4};
  private static final int[] TAKEN = {2, 0, 1};
  private final LstmPolicy policy = new LstmPolicy(CANDIDATES);

  private Map<String, double[]> randomWeights(long seed) {
    Random random = new Random(seed);
    Map<String, double[]> w = policy.zeros();
    w.values().forEach(a -> {
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextGaussian() * 0.5;
      }
    });
    return w;
  }

  private double logProbability(Map<String, double[]> w) {
    double[] total = {0};
    policy.unroll(w, (i, p) -> {
      total[0] += Math.log(p[TAKEN[i]]);
      return TAKEN[i];
    });
    return total[0];
  }

  @Test
  void theGradientMatchesFiniteDifferencesInEveryParameter() {
    Map<String, double[]> w = randomWeights(3);
    Map<String, double[]> gradient = policy.zeros();
    List<LstmPolicy.Step> steps = policy.unroll(w, (i, p) -> TAKEN[i]);
    policy.addGradient(w, steps, 2.0, gradient);
    Random pick = new Random(11);
    double h = 1e-6;
    int checked = 0;
    for (Map.Entry<String, double[]> e : w.entrySet()) {
      double[] values = e.getValue();
      // The start token's and taken candidates' embeddings, and a spread of everything else.
      for (int n = 0; n < 12; n++) {
        int i = e.getKey().equals("embedding") ? pick.nextInt(LstmPolicy.HIDDEN) : pick.nextInt(values.length);
        double saved = values[i];
        values[i] = saved + h;
        double up = logProbability(w);
        values[i] = saved - h;
        double down = logProbability(w);
        values[i] = saved;
        double numeric = 2.0 * (up - down) / (2 * h);
        assertEquals(numeric, gradient.get(e.getKey())[i], 1e-6 + 1e-4 * Math.abs(numeric), e.getKey() + "[" + i + "]");
        checked++;
      }
    }
    assertEquals(12 * (4 + CANDIDATES.length), checked);
    double[] unused = gradient.get("embedding");
    int lastToken = 1 + 3 + 2 + TAKEN[2];
    for (int k = 0; k < LstmPolicy.HIDDEN; k++) {
      assertEquals(0, unused[lastToken * LstmPolicy.HIDDEN + k], "the last decision feeds no step");
    }
  }

  @Test
  void eachStepReadsThePreviousDecisionAndGivesADistribution() {
    Map<String, double[]> w = randomWeights(5);
    double[][] first = new double[3][];
    policy.unroll(w, (i, p) -> {
      first[i] = p;
      return TAKEN[i];
    });
    for (int i = 0; i < 3; i++) {
      assertEquals(CANDIDATES[i], first[i].length);
      assertEquals(1, java.util.Arrays.stream(first[i]).sum(), 1e-12);
    }
    double[] second = new double[1];
    policy.unroll(w, (i, p) -> {
      if (i == 1) {
        second[0] = p[0];
      }
      return i == 0 ? 0 : TAKEN[i];
    });
    assertTrue(second[0] != first[1][0], "another first decision changes the second step's distribution");
  }

  @Test
  void aDecisionOutsideTheChoiceIsRefusedNamingIt() {
    var e = assertThrows(IllegalArgumentException.class, () -> policy.unroll(randomWeights(1), (i, p) -> 3));
    assertEquals("choice 0 has 3 candidates, not 3", e.getMessage());
  }
}
