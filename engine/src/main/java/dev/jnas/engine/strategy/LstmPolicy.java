package dev.jnas.engine.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The RL strategy's controller: a one-layer LSTM that emits one softmax per choice, each step fed
 * the embedding of the previous decision, with its gradient by hand. It is plain Java in doubles with
 * {@link StrictMath} because a seed must fix the proposals on every machine: native kernels round
 * differently per CPU, and a sampled decision that flips on one rounding sends the search elsewhere.
 */
final class LstmPolicy {
  static final int HIDDEN = 32;

  private final int[] candidates;

  /** A policy over choices with these numbers of candidates, in order. */
  LstmPolicy(int[] candidates) {
    this.candidates = candidates.clone();
  }

  /** Each parameter's name and its dimensions (row-major), in a fixed order. */
  Map<String, int[]> shapes() {
    Map<String, int[]> shapes = new LinkedHashMap<>();
    shapes.put("embedding", new int[] {tokens(), HIDDEN});
    shapes.put("lstm.input", new int[] {HIDDEN, 4 * HIDDEN});
    shapes.put("lstm.hidden", new int[] {HIDDEN, 4 * HIDDEN});
    shapes.put("lstm.bias", new int[] {4 * HIDDEN});
    for (int i = 0; i < candidates.length; i++) {
      shapes.put("head." + i, new int[] {HIDDEN, candidates[i]});
    }
    return shapes;
  }

  /** A start token, then one per candidate of every choice. */
  private int tokens() {
    int tokens = 1;
    for (int n : candidates) {
      tokens += n;
    }
    return tokens;
  }

  /**
   * Runs the controller: {@code decide} gets each choice's index and its candidates' probabilities
   * and returns the candidate taken, which the next step reads. Returns the steps, for {@link #addGradient}.
   */
  List<Step> unroll(Map<String, double[]> w, BiFunction<Integer, double[], Integer> decide) {
    List<Step> steps = new ArrayList<>();
    double[] h = new double[HIDDEN];
    double[] c = new double[HIDDEN];
    int token = 0;
    int offset = 1;
    for (int i = 0; i < candidates.length; i++) {
      Step s = step(w, i, token, h, c);
      s.taken = decide.apply(i, s.probabilities.clone());
      if (s.taken < 0 || s.taken >= candidates[i]) {
        throw new IllegalArgumentException("choice " + i + " has " + candidates[i] + " candidates, not " + s.taken);
      }
      steps.add(s);
      h = s.h;
      c = s.c;
      token = offset + s.taken;
      offset += candidates[i];
    }
    return steps;
  }

  private Step step(Map<String, double[]> w, int choice, int token, double[] hPrev, double[] cPrev) {
    Step s = new Step(choice, token, hPrev, cPrev);
    double[] embedding = w.get("embedding");
    double[] input = w.get("lstm.input");
    double[] hidden = w.get("lstm.hidden");
    double[] gates = w.get("lstm.bias").clone();
    for (int k = 0; k < HIDDEN; k++) {
      double x = embedding[token * HIDDEN + k];
      double hk = hPrev[k];
      for (int j = 0; j < 4 * HIDDEN; j++) {
        gates[j] += x * input[k * 4 * HIDDEN + j] + hk * hidden[k * 4 * HIDDEN + j];
      }
    }
    for (int j = 0; j < HIDDEN; j++) {
      s.in[j] = sigmoid(gates[j]);
      s.forget[j] = sigmoid(gates[HIDDEN + j]);
      s.candidate[j] = StrictMath.tanh(gates[2 * HIDDEN + j]);
      s.out[j] = sigmoid(gates[3 * HIDDEN + j]);
      s.c[j] = s.forget[j] * cPrev[j] + s.in[j] * s.candidate[j];
      s.tanhC[j] = StrictMath.tanh(s.c[j]);
      s.h[j] = s.out[j] * s.tanhC[j];
    }
    double[] head = w.get("head." + choice);
    int n = candidates[choice];
    double[] logits = new double[n];
    for (int j = 0; j < HIDDEN; j++) {
      for (int k = 0; k < n; k++) {
        logits[k] += s.h[j] * head[j * n + k];
      }
    }
    s.probabilities = softmax(logits);
    return s;
  }

  /** Adds {@code scale} times the gradient of the unrolled decisions' summed log-probability to {@code gradient}. */
  void addGradient(Map<String, double[]> w, List<Step> steps, double scale, Map<String, double[]> gradient) {
    double[] input = w.get("lstm.input");
    double[] hidden = w.get("lstm.hidden");
    double[] dh = new double[HIDDEN];
    double[] dc = new double[HIDDEN];
    for (int t = steps.size() - 1; t >= 0; t--) {
      Step s = steps.get(t);
      int n = candidates[s.choice];
      double[] head = w.get("head." + s.choice);
      double[] dHead = gradient.get("head." + s.choice);
      for (int k = 0; k < n; k++) {
        double dLogit = scale * ((k == s.taken ? 1 : 0) - s.probabilities[k]);
        for (int j = 0; j < HIDDEN; j++) {
          dHead[j * n + k] += s.h[j] * dLogit;
          dh[j] += head[j * n + k] * dLogit;
        }
      }
      double[] dGates = new double[4 * HIDDEN];
      for (int j = 0; j < HIDDEN; j++) {
        double dcj = dc[j] + dh[j] * s.out[j] * (1 - s.tanhC[j] * s.tanhC[j]);
        dGates[j] = dcj * s.candidate[j] * s.in[j] * (1 - s.in[j]);
        dGates[HIDDEN + j] = dcj * s.cPrev[j] * s.forget[j] * (1 - s.forget[j]);
        dGates[2 * HIDDEN + j] = dcj * s.in[j] * (1 - s.candidate[j] * s.candidate[j]);
        dGates[3 * HIDDEN + j] = dh[j] * s.tanhC[j] * s.out[j] * (1 - s.out[j]);
        dc[j] = dcj * s.forget[j];
      }
      double[] embedding = w.get("embedding");
      double[] dEmbedding = gradient.get("embedding");
      double[] dInput = gradient.get("lstm.input");
      double[] dHidden = gradient.get("lstm.hidden");
      double[] dBias = gradient.get("lstm.bias");
      double[] dhPrev = new double[HIDDEN];
      for (int k = 0; k < HIDDEN; k++) {
        double x = embedding[s.token * HIDDEN + k];
        double hk = s.hPrev[k];
        double dx = 0;
        double dhk = 0;
        for (int j = 0; j < 4 * HIDDEN; j++) {
          dInput[k * 4 * HIDDEN + j] += x * dGates[j];
          dHidden[k * 4 * HIDDEN + j] += hk * dGates[j];
          dx += input[k * 4 * HIDDEN + j] * dGates[j];
          dhk += hidden[k * 4 * HIDDEN + j] * dGates[j];
        }
        dEmbedding[s.token * HIDDEN + k] += dx;
        dhPrev[k] = dhk;
      }
      for (int j = 0; j < 4 * HIDDEN; j++) {
        dBias[j] += dGates[j];
      }
      dh = dhPrev;
    }
  }

  /** Zeros shaped as every parameter, to accumulate a gradient in. */
  Map<String, double[]> zeros() {
    Map<String, double[]> zeros = new LinkedHashMap<>();
    shapes().forEach((name, dims) -> zeros.put(name, new double[size(dims)]));
    return zeros;
  }

  static int size(int[] dims) {
    int size = 1;
    for (int d : dims) {
      size *= d;
    }
    return size;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + StrictMath.exp(-x));
  }

  private static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] = StrictMath.exp(logits[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  /** One step's inputs and activations, kept for the backward pass. */
  static final class Step {
    final int choice;
    final int token;
    final double[] hPrev;
    final double[] cPrev;
    final double[] in = new double[HIDDEN];
    final double[] forget = new double[HIDDEN];
    final double[] candidate = new double[HIDDEN];
    final double[] out = new double[HIDDEN];
    final double[] c = new double[HIDDEN];
    final double[] tanhC = new double[HIDDEN];
    final double[] h = new double[HIDDEN];
    double[] probabilities;
    int taken;

    Step(int choice, int token, double[] hPrev, double[] cPrev) {
      this.choice = choice;
      this.token = token;
      this.hPrev = hPrev;
      this.cPrev = cPrev;
    }
  }
}
