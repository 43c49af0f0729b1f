package dev.jnas.engine;

import java.util.Map;

/** A fast stand-in for training on the tutorial space: wider features and separable convolutions score higher. */
public final class TutorialScore {
  private TutorialScore() {}

  public static double of(Map<String, Object> sample) {
    return ((Integer) sample.get("feature")) / 256.0 + ((Integer) sample.get("conv2")) * 0.1 - (Double) sample.get("dropout1.p") * 0.01;
  }
}
