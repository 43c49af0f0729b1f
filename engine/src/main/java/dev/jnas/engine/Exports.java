package dev.jnas.engine;

import dev.jnas.codegen.GeneratedBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a top model into {@code <experimentDir>/export/}: its source and parameters, or its ONNX file. */
final class Exports {
  private Exports() {}

  /**
   * CODE: writes {@code <class>.java} (and {@code <class>-0000.params} when the trial kept trained
   * weights) and returns the source; ONNX: copies the trained model to {@code <class>.onnx} and
   * returns its path.
   */
  static Object write(Path experimentDir, Path trialDir, GeneratedBlock block, Formatter formatter) {
    try {
      Path export = Files.createDirectories(experimentDir.resolve("export"));
      if (formatter == Formatter.ONNX) {
        Path onnx = trialDir.resolve(TrainedModels.ONNX);
        if (!Files.isRegularFile(onnx)) {
          throw new IllegalStateException("trial " + trialDir.getFileName() + " kept no trained ONNX model (" + onnx
              + "); its evaluator must call ModelFactory.saveTrained, as ClassificationEvaluator does");
        }
        return Files.copy(onnx, export.resolve(block.className() + ".onnx"), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(export.resolve(block.className() + ".java"), block.source());
      Path params = trialDir.resolve(TrainedModels.PARAMS);
      if (Files.isRegularFile(params)) {
        Files.copy(params, export.resolve(block.className() + "-0000.params"), StandardCopyOption.REPLACE_EXISTING);
      }
      return block.source();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export into " + experimentDir, e);
    }
  }
}
