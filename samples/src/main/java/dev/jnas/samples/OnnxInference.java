package dev.jnas.samples;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.jnas.codegen.OnnxExporter;
import dev.jnas.engine.store.ExperimentStore;
import dev.jnas.engine.ExperimentView;
import dev.jnas.engine.NasExperiment;
import dev.jnas.worker.TrainedModels;
import dev.jnas.engine.TrialState;
import dev.jnas.runtime.MnistData;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * Serves an experiment's trained top model with ONNX Runtime: runs its {@code model.onnx} on the
 * MNIST validation images (the last 2,000 of the test split, as hello-NAS validates) and prints
 * the accuracy beside the one DJL measured. Arguments: experiment directory, MNIST directory (optional).
 */
public final class OnnxInference {
  private OnnxInference() {}

  public static void main(String[] args) throws Exception {
    Path experiment = Path.of(args[0]);
    MnistData all = MnistData.load(MnistData.locate(args.length > 1 ? args[1] : null));
    MnistData validation = all.slice(all.size() - 2000, all.size());
    ExperimentView view = NasExperiment.view(experiment);
    ExperimentStore.StoredTrial best = view.trials().stream().filter(t -> t.state() == TrialState.SUCCEEDED)
        .max(Comparator.comparingDouble(t -> t.finalMetric().getAsDouble()))
        .orElseThrow(() -> new IllegalStateException("no trial of " + experiment + " succeeded"));
    Path model = experiment.resolve("trials").resolve(Integer.toString(best.id())).resolve(TrainedModels.ONNX);
    double onnx = accuracy(model, best.architecture(), validation);
    System.out.printf("top trial %d %s%n  DJL accuracy          %.4f%n  ONNX Runtime accuracy %.4f%n",
        best.id(), best.sample().toJson(), best.finalMetric().getAsDouble(), onnx);
  }

  /**
   * The accuracy of the ONNX model on {@code images}, normalised as training was; the model's
   * architecture hash must be {@code architecture} (null skips the check).
   */
  public static double accuracy(Path model, String architecture, MnistData images) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
      String stored = session.getMetadata().getCustomMetadata().get(OnnxExporter.ARCHITECTURE_KEY);
      if (architecture != null && !architecture.equals(stored)) {
        throw new IllegalStateException(model + " holds architecture " + stored + ", not the expected " + architecture);
      }
      String input = session.getInputNames().iterator().next();
      int correct = 0;
      int batch = 500;
      for (int from = 0; from < images.size(); from += batch) {
        int to = Math.min(images.size(), from + batch);
        float[] pixels = images.slice(from, to).normalizedPixels();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {to - from, 1, 28, 28});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
          float[][] scores = (float[][]) result.get(0).getValue();
          for (int i = 0; i < scores.length; i++) {
            int arg = 0;
            for (int c = 1; c < scores[i].length; c++) {
              if (scores[i][c] > scores[i][arg]) {
                arg = c;
              }
            }
            correct += arg == images.label(from + i) ? 1 : 0;
          }
        }
      }
      return (double) correct / images.size();
    }
  }
}
