package dev.jnas.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.jnas.runtime.DatasetSource;
import dev.jnas.runtime.OneShotResult;
import dev.jnas.runtime.OneShotTrainer;
import dev.jnas.runtime.SupernetBlock;
import dev.jnas.runtime.TrainingData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tutorial space's generated supernet trains one-shot on DJL: DARTS moves the architecture
 * weights and derives an architecture; SPOS trains sampled paths and searches them. The data is
 * synthetic (a bright patch whose place is the class), so the test needs no MNIST.
 */
class OneShotTrainingTest {
  @Test
  void dartsMovesTheArchitectureWeightsAndDerivesAnArchitecture() throws Exception {
    List<long[]> progress = new ArrayList<>();
    List<double[][]> epochs = new ArrayList<>();
    OneShotResult result = new OneShotTrainer(OneShotTrainer.Method.DARTS, patches(800, 300))
        .epochs(2).batchSize(32).seed(3)
        .listener(new OneShotTrainer.Listener() {
          @Override
          public void progress(long done, long total) {
            progress.add(new long[] {done, total});
          }

          @Override
          public void epoch(int epoch, double loss, double[][] weights, double estimate) {
            epochs.add(weights);
            assertTrue(Double.isFinite(loss) && loss > 0, "epoch " + epoch + " loss " + loss);
          }
        })
        .train(supernet());
    assertEquals(3, result.path().length);
    assertEquals(2, result.architectureWeights().size());
    assertEquals(2, epochs.size());
    // 400 of the 800 train the weights (the other half the architecture): 13 steps an epoch.
    assertEquals(26, result.steps());
    assertEquals(26, progress.size());
    assertEquals(26, progress.get(25)[0]);
    double[][] last = result.architectureWeights().get(1);
    double moved = 0;
    for (double[] choice : last) {
      double sum = 0;
      for (double w : choice) {
        sum += w;
        moved = Math.max(moved, Math.abs(w - 1.0 / choice.length));
      }
      assertEquals(1, sum, 1e-5);
    }
    assertTrue(moved > 1e-3, "the architecture weights stayed near uniform: " + moved);
    for (int k = 0; k < last.length; k++) {
      for (double w : last[k]) {
        assertTrue(last[k][result.path()[k]] >= w, "the path takes each choice's strongest candidate");
      }
    }
    assertTrue(result.estimate() > 0.5, "derived architecture's accuracy with supernet weights: " + result.estimate());
  }

  @Test
  void sposSearchesDistinctPathsAndKeepsTheBest() throws Exception {
    List<int[]> heard = new ArrayList<>();
    OneShotResult result = new OneShotTrainer(OneShotTrainer.Method.SPOS, patches(600, 200))
        .epochs(2).batchSize(32).seed(5).searchBudget(12).population(6)
        .listener(new OneShotTrainer.Listener() {
          @Override
          public void searched(OneShotResult.EvaluatedPath path) {
            heard.add(path.path());
          }
        })
        .train(supernet());
    assertEquals(12, result.searched().size());
    assertEquals(12, heard.size());
    Set<String> distinct = new HashSet<>();
    OneShotResult.EvaluatedPath best = result.searched().get(0);
    for (OneShotResult.EvaluatedPath p : result.searched()) {
      distinct.add(java.util.Arrays.toString(p.path()));
      assertTrue(p.loss() > 0 && Double.isFinite(p.loss()), "a mean cross-entropy: " + p.loss());
      best = p.loss() < best.loss() || p.loss() == best.loss() && p.trainingLoss() < best.trainingLoss() ? p : best;
    }
    assertEquals(12, distinct.size());
    // One path ran per architecture at inference (conv2 and feature; the dropout rate, index 1, aside).
    assertEquals(result.searched().stream().map(p -> p.path()[0] + "," + p.path()[2]).distinct().count(), result.pathsRun());
    assertTrue(result.pathsRun() < 12, "12 of 18 paths cover at most 6 architectures at inference: " + result.pathsRun());
    // The path of least validation loss wins (equals: the least loss as trained), and its accuracy is the estimate.
    assertArrayEquals(best.path(), result.path());
    assertEquals(best.accuracy(), result.estimate());
    assertTrue(result.architectureWeights().isEmpty());
    assertTrue(result.estimate() > 0.5, "best path's accuracy with supernet weights: " + result.estimate());
  }

  @Test
  void pathsThatDifferOnlyInDropoutTieAndTheLossAsTrainedBreaksTheTie() throws Exception {
    GeneratedSupernet generated = SupernetGenerator.generate(Tutorial.SPACE, "TutorialSpace");
    OneShotResult result = new OneShotTrainer(OneShotTrainer.Method.SPOS, patches(300, 200))
        .epochs(1).batchSize(32).seed(2).searchBudget(18).population(6).train(supernet());
    assertEquals(18, result.searched().size(), "every path of the tutorial space");
    // Dropout rates change nothing at inference: one of each three ran, the others share its score.
    assertEquals(6, result.pathsRun());
    double least = result.searched().stream().mapToDouble(OneShotResult.EvaluatedPath::loss).min().orElseThrow();
    List<OneShotResult.EvaluatedPath> tied = result.searched().stream().filter(p -> p.loss() == least).toList();
    // At inference a dropout rate changes nothing, so the best path's three rates score the same.
    assertEquals(3, tied.size(), tied::toString);
    assertEquals(Set.of(0.25, 0.5, 0.75), tied.stream().map(p -> generated.decisions(p.path()).get("dropout1.p")).collect(
        java.util.stream.Collectors.toSet()));
    OneShotResult.EvaluatedPath chosen = tied.get(0);
    for (OneShotResult.EvaluatedPath p : tied) {
      assertTrue(p.trainingLoss() > 0 && Double.isFinite(p.trainingLoss()), "measured for a tie: " + p);
      chosen = p.trainingLoss() < chosen.trainingLoss() ? p : chosen;
    }
    assertArrayEquals(chosen.path(), result.path(), "the tie goes to the least loss as trained");
    assertEquals(0.25, generated.decisions(result.path()).get("dropout1.p"), "the lightest dropout loses least with it on");
    assertTrue(result.searched().stream().filter(p -> p.loss() != least).allMatch(p -> Double.isNaN(p.trainingLoss())),
        "only ties are measured again");
  }

  @Test
  void sposWithOneSeedTrainsTheSameTwice() throws Exception {
    // Candidates off the path sit steps out; Adam once bias-corrected them by a count that followed
    // the order of DJL's parameter map (random ids), so the same seed trained differently per run.
    List<String> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      StringBuilder trace = new StringBuilder();
      OneShotResult result = new OneShotTrainer(OneShotTrainer.Method.SPOS, patches(640, 100))
          .epochs(2).batchSize(32).seed(5).searchBudget(4).population(2)
          .listener(new OneShotTrainer.Listener() {
            @Override
            public void epoch(int epoch, double loss, double[][] weights, double estimate) {
              trace.append(loss).append(' ').append(estimate).append(' ');
            }
          })
          .train(supernet());
      result.searched().forEach(p -> trace.append(java.util.Arrays.toString(p.path())).append(p.loss()).append(' '));
      runs.add(trace.toString());
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  private static SupernetBlock supernet() throws Exception {
    Engine.getInstance().setRandomSeed(11);
    GeneratedBlock block = SupernetGenerator.generate(Tutorial.SPACE, "TutorialSpace").block();
    try (InMemoryCompiler compiler = new InMemoryCompiler()) {
      return (SupernetBlock) compiler.compile(block).getDeclaredConstructor().newInstance();
    }
  }

  /** 28 x 28 images of noise with a bright 7 x 7 patch whose place (one of 10) is the label. */
  static TrainingData patches(int train, int validation) {
    Random random = new Random(1);
    int n = train + validation;
    float[] pixels = new float[n * 28 * 28];
    float[] labels = new float[n];
    for (int e = 0; e < n; e++) {
      int label = random.nextInt(10);
      labels[e] = label;
      int top = (label / 4) * 7 + 3;
      int left = (label % 4) * 7;
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          boolean patch = y >= top && y < top + 7 && x >= left && x < left + 7;
          pixels[e * 784 + y * 28 + x] = (patch ? 1f : 0f) + (float) random.nextGaussian() * 0.3f;
        }
      }
    }
    float[] trainPixels = java.util.Arrays.copyOfRange(pixels, 0, train * 784);
    float[] validationPixels = java.util.Arrays.copyOfRange(pixels, train * 784, n * 784);
    return TrainingData.of(
        DatasetSource.arrays(trainPixels, new long[] {1, 28, 28}, java.util.Arrays.copyOfRange(labels, 0, train)),
        DatasetSource.arrays(validationPixels, new long[] {1, 28, 28}, java.util.Arrays.copyOfRange(labels, train, n)));
  }
}
