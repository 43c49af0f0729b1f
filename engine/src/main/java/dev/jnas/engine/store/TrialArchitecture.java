package dev.jnas.engine.store;

import dev.jnas.ir.Graph;
import dev.jnas.ir.Sample;
import dev.jnas.ir.text.IrParseException;
import dev.jnas.ir.text.IrParser;
import dev.jnas.mutators.Mutators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trial's frozen architecture as its folder keeps it ({@value #FILE}, IR text), written when the
 * trial is prepared. It is the record of the architecture that needs neither the space class nor
 * the experiment's custom mutators, so the web UI and {@code jnas export} read it.
 */
public final class TrialArchitecture {
  public static final String FILE = "architecture.ir";

  private TrialArchitecture() {}

  public static void write(Path trialDir, Graph frozen) throws IOException {
    Files.writeString(trialDir.resolve(FILE), frozen.toString());
  }

  /**
   * The frozen graph recorded in {@code trialDir}; for a trial recorded before this file existed
   * (when only built-in mutators ran), the recorded space {@code spaceIr} frozen with its sample.
   */
  public static Graph read(Path trialDir, String spaceIr, Sample sample) {
    Path file = trialDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Mutators.freeze(IrParser.parse(spaceIr), sample);
    }
    try {
      return IrParser.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the trial's architecture " + file + ": " + e.getMessage(), e);
    } catch (IrParseException e) {
      throw new IllegalStateException("the trial's architecture " + file + " is damaged: " + e.getMessage(), e);
    }
  }
}
