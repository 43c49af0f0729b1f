package dev.jnas.engine.service;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real Slurm cluster for one test class: started before its tests (or the class skipped), stopped after. */
public final class SlurmClusterExtension implements BeforeAllCallback, AfterAllCallback {
  private SlurmCluster cluster;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    cluster = SlurmCluster.startOrSkip();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
    }
  }

  public SlurmCluster cluster() {
    return cluster;
  }
}
