package dev.jnas.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.OneShotExperimentTest;
import dev.jnas.engine.TrainingServiceKind;
import dev.jnas.engine.strategy.DartsStrategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A DARTS experiment in a real browser: the supernet trial is marked, and its page charts the architecture weights. */
class WebUiOneShotBrowserTest {
  @TempDir Path dir;

  @Test
  void theSupernetTrialChartsItsArchitectureWeightsPerChoice() throws Exception {
    Chromium.assumeInstalled();
    new NasExperiment(new OneShotExperimentTest.BlobChoices(), OneShotExperimentTest.evaluator(), new DartsStrategy())
        .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run(ExperimentConfig.local().experimentName("darts-ui").trainingService(TrainingServiceKind.IN_PROCESS).maxTrialNumber(2)
            .experimentDir(dir.resolve("darts")).seed(3));

    try (WebUi ui = NasExperiment.serve(dir.resolve("darts"), "127.0.0.1", WebUiTest.freePort())) {
      WebDriver browser = Chromium.start(dir);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(ui.uri().toString() + "#trials");
        wait.until(d -> d.findElement(By.id("status")).getText().startsWith("DONE"));
        wait.until(d -> d.findElements(By.cssSelector("#trials-table tbody tr")).size() == 2);
        wait.until(d -> d.findElement(By.cssSelector("#trials-table tbody tr[data-id='1'] td")).getText().equals("1 · supernet (darts)"));
        // The overview's best is the retrained architecture, never the supernet's estimate.
        browser.get(ui.uri().toString() + "#overview");
        wait.until(d -> d.findElement(By.id("best")).getText().startsWith("trial 2: "));
        // The metric chart marks the supernet's estimate apart from the architectures' results.
        wait.until(d -> String.valueOf(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
            "return state.metricChart ? state.metricChart.data.datasets.map(s => s.label + ':' + s.data.length).join(',') : ''"))
            .equals("default:1,best so far:1,one-shot estimate:1"));
        browser.get(ui.uri().toString() + "#trial/1");
        wait.until(d -> d.findElement(By.id("trial-title")).getText().startsWith("Trial 1"));
        wait.until(d -> d.findElement(By.id("weights-title")).isDisplayed());
        // A chart per choice: the activation, the width and the dropout rate.
        wait.until(d -> d.findElements(By.cssSelector("#weights canvas")).size() == 3);
        wait.until(d -> d.findElement(By.id("trial-source")).getText().contains("implements SupernetBlock"));
        Files.write(Path.of("target", "web-ui-one-shot.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        // An architecture's page has no such charts.
        browser.get(ui.uri().toString() + "#trial/2");
        wait.until(d -> d.findElement(By.id("trial-title")).getText().startsWith("Trial 2"));
        wait.until(d -> !d.findElement(By.id("weights-title")).isDisplayed());
        assertTrue(browser.findElements(By.cssSelector("#weights canvas")).isEmpty());
        var errors = Chromium.consoleErrors(browser);
        assertEquals(List.of(), errors, "JavaScript errors in the page's console");
      } finally {
        browser.quit();
      }
    }
  }
}
