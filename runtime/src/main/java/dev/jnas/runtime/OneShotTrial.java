package dev.jnas.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trial that trains a supernet for a one-shot strategy, as the engine and the evaluator share
 * it: its sample is a marker holding the method and its settings (no architecture), its
 * intermediate reports hold the architecture weights ({@code weight.<label>.<i>}) and its final
 * report the path it found ({@code path.<label>}: a candidate index per choice).
 */
public final class OneShotTrial {
  /** The sample key that marks a supernet trial; its value is the method, {@code darts} or {@code spos}. */
  public static final String KEY = "one-shot";
  private static final String BUDGET = "one-shot.searchBudget";
  private static final String POPULATION = "one-shot.population";
  private static final String ARCHITECTURE_RATE = "one-shot.architectureLearningRate";
  private static final String EPOCHS = "one-shot.epochs";
  private static final String WIDEST = "one-shot.widestPath";

  private OneShotTrial() {}

  /**
   * The sample of a supernet trial trained by {@code method} with these settings; {@code epochs} 0
   * trains as many epochs as the evaluator does.
   */
  public static Map<String, Object> sample(OneShotTrainer.Method method, int epochs, int searchBudget, int population,
      double architectureLearningRate) {
    return sample(method, epochs, searchBudget, population, architectureLearningRate, true);
  }

  /** {@link #sample(OneShotTrainer.Method, int, int, int, double)}, saying whether SPOS also trains each path at its widest. */
  public static Map<String, Object> sample(OneShotTrainer.Method method, int epochs, int searchBudget, int population,
      double architectureLearningRate, boolean widestPath) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(KEY, method.name().toLowerCase(java.util.Locale.ROOT));
    if (epochs > 0) {
      out.put(EPOCHS, epochs);
    }
    if (method == OneShotTrainer.Method.SPOS) {
      out.put(BUDGET, searchBudget);
      out.put(POPULATION, population);
      if (!widestPath) {
        out.put(WIDEST, false);
      }
    } else {
      out.put(ARCHITECTURE_RATE, architectureLearningRate);
    }
    return out;
  }

  /** The method of a supernet trial's sample; empty for an architecture's sample. */
  public static Optional<OneShotTrainer.Method> method(Map<String, Object> sample) {
    Object method = sample.get(KEY);
    return method == null ? Optional.empty() : Optional.of(OneShotTrainer.Method.valueOf(method.toString().toUpperCase(java.util.Locale.ROOT)));
  }

  /** The metric key holding the candidate index the trial chose for {@code label}. */
  public static String pathKey(String label) {
    return "path." + label;
  }

  /** The metric key holding candidate {@code index}'s architecture weight for {@code label}. */
  public static String weightKey(String label, int index) {
    return "weight." + label + "." + index;
  }

  /** The name of the file in the trial's folder listing every path the SPOS search scored. */
  public static final String SEARCHED = "searched.tsv";

  /**
   * Every path the search scored, best first, as a table of candidate indices, accuracy, loss and
   * loss as trained (the tie-break, blank where not measured), for the user to look at.
   */
  private static void writeSearched(OneShotResult result, List<String> labels) throws java.io.IOException {
    if (result.searched().isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder(String.join("\t", labels)).append("\taccuracy\tloss\tloss_as_trained\n");
    result.searched().stream()
        .sorted(OneShotTrainer.BY_LOSS)
        .forEach(p -> {
          for (int index : p.path()) {
            out.append(index).append('\t');
          }
          out.append(String.format(java.util.Locale.ROOT, "%.4f\t%.4f\t", p.accuracy(), p.loss()))
              .append(Double.isNaN(p.trainingLoss()) ? "" : String.format(java.util.Locale.ROOT, "%.4f", p.trainingLoss()))
              .append('\n');
        });
    java.nio.file.Files.writeString(Nas.trialOutputDir().resolve(SEARCHED), out);
  }

  /** The trainer a supernet trial's sample asks for, on {@code data}. */
  static OneShotTrainer trainer(Map<String, Object> sample, TrainingData data) {
    OneShotTrainer.Method method = method(sample).orElseThrow(() -> new IllegalArgumentException("not a supernet trial: " + sample));
    OneShotTrainer trainer = new OneShotTrainer(method, data);
    if (sample.get(BUDGET) instanceof Number n) {
      trainer.searchBudget(n.intValue());
    }
    if (sample.get(POPULATION) instanceof Number n) {
      trainer.population(n.intValue());
    }
    if (sample.get(ARCHITECTURE_RATE) instanceof Number n) {
      trainer.architectureLearningRate(n.doubleValue());
    }
    if (sample.get(WIDEST) instanceof Boolean widest) {
      trainer.widestPath(widest);
    }
    return trainer;
  }

  /** The epochs a supernet trial's sample asks for, or {@code otherwise}. */
  static int epochs(Map<String, Object> sample, int otherwise) {
    return sample.get(EPOCHS) instanceof Number n ? n.intValue() : otherwise;
  }

  /**
   * Trains {@code supernet} in the current trial and reports as described on the class: progress
   * for every step (and every path searched), the estimate and architecture weights each epoch, the
   * path and its estimate at the end.
   */
  static void run(OneShotTrainer trainer, SupernetBlock supernet) throws Exception {
    List<String> labels = supernet.choiceLabels();
    trainer.listener(new OneShotTrainer.Listener() {
      @Override
      public void progress(long done, long total) {
        Nas.reportProgress(done, total);
      }

      @Override
      public void epoch(int epoch, double loss, double[][] weights, double estimate) {
        Map<String, Double> report = new LinkedHashMap<>();
        report.put("default", estimate);
        report.put("accuracy", estimate);
        if (Double.isFinite(loss)) {
          report.put("loss", loss);
        }
        for (int k = 0; weights != null && k < weights.length; k++) {
          for (int i = 0; i < weights[k].length; i++) {
            report.put(weightKey(labels.get(k), i), weights[k][i]);
          }
        }
        Nas.reportIntermediateResult(report);
      }
    });
    OneShotResult result = trainer.train(supernet);
    writeSearched(result, labels);
    Map<String, Double> report = new LinkedHashMap<>();
    report.put("default", result.estimate());
    report.put("accuracy", result.estimate());
    int[] path = result.path();
    for (int k = 0; k < path.length; k++) {
      report.put(pathKey(labels.get(k)), (double) path[k]);
    }
    if (!result.searched().isEmpty()) {
      report.put("paths searched", (double) result.searched().size());
      report.put("paths run", (double) result.pathsRun());
    }
    Nas.reportFinalResult(report);
  }
}
