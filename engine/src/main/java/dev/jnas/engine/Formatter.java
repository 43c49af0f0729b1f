package dev.jnas.engine;

/** How {@link NasExperiment#exportTopModels} gives each top model. */
public enum Formatter {
  /** The sample, label to decision ({@code {conv2=1, dropout1.p=0.25, feature=256}}). */
  DICT,
  /**
   * The generated Java source of the architecture's DJL block, written to
   * {@code <experimentDir>/export/} with the trained parameters next to it when the trial kept them.
   */
  CODE,
  /** The path of the trained model as ONNX, copied to {@code <experimentDir>/export/<class>.onnx}. */
  ONNX
}
