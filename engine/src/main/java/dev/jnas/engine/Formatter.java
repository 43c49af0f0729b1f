package dev.jnas.engine;

/** How {@link NasExperiment#exportTopModels} gives each top model. */
public enum Formatter {
  /** The sample, label to decision ({@code {conv2=1, dropout1.p=0.25, feature=256}}). */
  DICT,
  /** The generated Java source of the architecture's DJL block, also written to {@code <experimentDir>/export/}. */
  CODE
}
