package dev.jnas.worker;

import ai.djl.Model;
import ai.djl.nn.Block;
import dev.jnas.codegen.ArchitectureCheck;
import dev.jnas.codegen.OnnxExporter;
import dev.jnas.ir.Graph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained block kept in a trial's folder: DJL parameters ({@value #PARAMS}, stamped with the
 * architecture hash, loadable with {@code Model.load(dir, "model")}) and an ONNX export
 * ({@value #ONNX}, the hash in its metadata) for ONNX Runtime.
 */
public final class TrainedModels {
  public static final String NAME = "model";
  public static final String PARAMS = NAME + "-0000.params";
  public static final String ONNX = NAME + ".onnx";

  private TrainedModels() {}

  public static void save(Block trained, Graph frozen, String architecture, Path dir) {
    try {
      Files.createDirectories(dir);
      try (Model model = Model.newInstance(NAME)) {
        model.setBlock(trained);
        ArchitectureCheck.stamp(model, architecture);
        model.save(dir, NAME);
      }
      Files.write(dir.resolve(ONNX), OnnxExporter.export(frozen, trained, architecture));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the trained model into " + dir, e);
    }
  }
}
