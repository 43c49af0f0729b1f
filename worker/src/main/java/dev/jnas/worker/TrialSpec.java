package dev.jnas.worker;

import java.util.Map;

/**
 * Everything one trial needs, as data: what the engine sends to wherever the trial runs. The
 * generated source travels for the record; the class files the engine compiled are what runs
 * (a worker needs no compiler); the evaluator travels serialized.
 *
 * @param trialId the trial's number in its experiment
 * @param sample the sample's canonical JSON
 * @param architecture the architecture hash
 * @param className the generated block's binary name (empty for a BENCHMARK trial, which builds no block)
 * @param source the generated Java source
 * @param classFiles the compiled classes, binary name to class file
 * @param frozenIr the frozen architecture in the IR's text form, for the ONNX export of a trained model
 * @param evaluator the serialized {@code dev.jnas.runtime.Evaluator}
 * @param seed the random seed of DJL's engine for this trial
 * @param outputDir the trial's folder
 */
public record TrialSpec(int trialId, String sample, String architecture, String className, String source,
    Map<String, byte[]> classFiles, String frozenIr, byte[] evaluator, long seed, String outputDir) {
  public TrialSpec {
    classFiles = Map.copyOf(classFiles);
  }

  /** The same trial writing its files to {@code dir} (a node's local folder, when the nodes share no filesystem). */
  public TrialSpec writingTo(String dir) {
    return new TrialSpec(trialId, sample, architecture, className, source, classFiles, frozenIr, evaluator, seed, dir);
  }

  /** Whether this trial builds a block (every trial but a BENCHMARK one, which looks its metrics up). */
  public boolean hasBlock() {
    return !className.isEmpty();
  }
}
