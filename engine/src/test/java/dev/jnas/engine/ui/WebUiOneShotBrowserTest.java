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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A DARTS experiment in a real browser: the supernet trial is marked, and its page charts the architecture weights. */
class WebUiOneShotBrowserTest {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void theSupernetTrialChartsItsArchitectureWeightsPerChoice() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    new NasExperiment(new OneShotExperimentTest.BlobChoices(), OneShotExperimentTest.evaluator(), new DartsStrategy())
        .progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run(ExperimentConfig.local().experimentName("darts-ui").trainingService(TrainingServiceKind.IN_PROCESS).maxTrialNumber(2)
            .experimentDir(dir.resolve("darts")).seed(3));

    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1800",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    try (WebUi ui = NasExperiment.serve(dir.resolve("darts"), "127.0.0.1", WebUiTest.freePort())) {
      WebDriver browser = new ChromeDriver(options);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(ui.uri().toString() + "#trials");
        wait.until(d -> d.findElement(By.id("status")).getText().startsWith("DONE"));
        wait.until(d -> d.findElements(By.cssSelector("#trials-table tbody tr")).size() == 2);
        wait.until(d -> d.findElement(By.cssSelector("#trials-table tbody tr[data-id='1'] td")).getText().equals("1 · supernet (darts)"));
        // The overview's best is the retrained architecture, never the supernet's estimate.
        browser.get(ui.uri().toString() + "#overview");
        wait.until(d -> d.findElement(By.id("best")).getText().startsWith("trial 2: "));
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
        var errors = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).map(Object::toString).toList();
        assertEquals(List.of(), errors, "JavaScript errors in the page's console");
      } finally {
        browser.quit();
      }
    }
  }
}
