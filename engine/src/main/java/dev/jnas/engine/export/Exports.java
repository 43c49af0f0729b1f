package dev.jnas.engine.export;

import ai.djl.Model;
import ai.djl.nn.AbstractBlock;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.jnas.codegen.ArchitectureCheck;
import dev.jnas.codegen.BlockGenerator;
import dev.jnas.codegen.GeneratedBlock;
import dev.jnas.codegen.InMemoryCompiler;
import dev.jnas.codegen.OnnxExporter;
import dev.jnas.engine.Formatter;
import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.text.IrParser;
import dev.jnas.engine.store.TrialArchitecture;
import dev.jnas.worker.TrainedModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a top model into {@code <experimentDir>/export/}: its source and parameters, or its ONNX
 * file. Nothing is copied unverified: the regenerated source must be the architecture the trial
 * ran, the parameters must load into it and carry its hash, and the ONNX file must parse and
 * carry it too, so a truncated or foreign file is refused instead of exported.
 */
public final class Exports {
  private Exports() {}

  /**
   * The source of a recorded trial's architecture, regenerated from the frozen IR its folder keeps
   * (see {@link TrialArchitecture}), so custom mutators need not be at hand.
   */
  public static GeneratedBlock regenerate(Path experimentDir, int trialId, String spaceIr, Sample sample) {
    Graph frozen = TrialArchitecture.read(experimentDir.resolve("trials").resolve(Integer.toString(trialId)), spaceIr, sample);
    return BlockGenerator.generate(frozen, IrParser.parse(spaceIr).name(), sample);
  }

  /**
   * CODE: writes {@code <class>.java} (and {@code <class>-0000.params} when the trial kept trained
   * weights) and returns the source; ONNX: copies the trained model to {@code <class>.onnx} and
   * returns its path. {@code architecture} is the hash the trial recorded (null if it recorded none).
   */
  public static Object write(Path experimentDir, int trialId, String architecture, GeneratedBlock block, Formatter formatter) {
    if (formatter == Formatter.DICT) {
      throw new IllegalArgumentException("a DICT export is the sample itself; nothing is written");
    }
    if (architecture != null && !architecture.equals(block.architectureHash())) {
      throw new IllegalStateException("trial " + trialId + " ran architecture " + architecture + ", but its sample now"
          + " generates " + block.architectureHash() + "; the recorded space or sample changed, so nothing is exported");
    }
    Path trialDir = experimentDir.resolve("trials").resolve(Integer.toString(trialId));
    try {
      Path export = Files.createDirectories(experimentDir.resolve("export"));
      if (formatter == Formatter.ONNX) {
        Path onnx = trialDir.resolve(TrainedModels.ONNX);
        if (!Files.isRegularFile(onnx)) {
          throw new IllegalStateException("trial " + trialId + " kept no trained ONNX model (" + onnx
              + "); its evaluator must call ModelFactory.saveTrained, as ClassificationEvaluator does");
        }
        verifyOnnx(trialId, onnx, block.architectureHash());
        return copy(onnx, export.resolve(block.className() + ".onnx"));
      }
      Path params = trialDir.resolve(TrainedModels.PARAMS);
      if (Files.isRegularFile(params)) {
        verifyParams(trialId, params, block);
      }
      Files.writeString(export.resolve(block.className() + ".java"), block.source());
      if (Files.isRegularFile(params)) {
        copy(params, export.resolve(block.className() + "-0000.params"));
      }
      return block.source();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export into " + experimentDir + ": " + e.getMessage(), e);
    }
  }

  /** The trained parameters load into the architecture's block and were saved for it. */
  static void verifyParams(int trialId, Path params, GeneratedBlock block) {
    try (InMemoryCompiler compiler = new InMemoryCompiler(); Model model = Model.newInstance(TrainedModels.NAME)) {
      Class<? extends AbstractBlock> type = compiler.compile(block);
      model.setBlock(type.getDeclaredConstructor().newInstance());
      model.load(params.getParent(), TrainedModels.NAME);
      ArchitectureCheck.verify(model, block.architectureHash());
    } catch (Exception e) {
      throw new IllegalStateException("trial " + trialId + "'s trained parameters " + params + " are damaged or not this"
          + " architecture's, so they are not exported: " + firstLine(e), e);
    }
  }

  /** The ONNX model parses completely and carries the architecture's hash. */
  static void verifyOnnx(int trialId, Path onnx, String architecture) {
    ModelProto model;
    try (InputStream in = Files.newInputStream(onnx)) {
      model = ModelProto.parseFrom(in);
    } catch (IOException e) {
      throw new IllegalStateException("trial " + trialId + "'s ONNX model " + onnx + " is damaged (" + firstLine(e)
          + "), so it is not exported", e);
    }
    String saved = model.getMetadataPropsList().stream().filter(p -> p.getKey().equals(OnnxExporter.ARCHITECTURE_KEY))
        .map(StringStringEntryProto::getValue).findFirst().orElse(null);
    if (!architecture.equals(saved) || !model.hasGraph()) {
      throw new IllegalStateException("trial " + trialId + "'s ONNX model " + onnx + (saved == null
          ? " is incomplete (no architecture hash: truncated?)" : " is architecture " + saved + ", not " + architecture)
          + ", so it is not exported");
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    Path partial = to.resolveSibling(to.getFileName() + ".partial");
    Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
    long written = Files.size(partial);
    if (written != Files.size(from)) {
      Files.delete(partial);
      throw new IOException("copying " + from + " to " + to + " wrote " + written + " of " + Files.size(from) + " bytes");
    }
    return Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse("");
  }
}
