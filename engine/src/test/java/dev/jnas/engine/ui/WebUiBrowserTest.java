package dev.jnas.engine.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.engine.ExperimentConfig;
import dev.jnas.engine.NasExperiment;
import dev.jnas.engine.strategy.GridSearchStrategy;
import dev.jnas.nn.spaces.TutorialSpace;
import dev.jnas.runtime.FunctionalEvaluator;
import dev.jnas.runtime.Nas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web UI in a real browser: headless Chromium through Selenium and the system chromedriver. */
class WebUiBrowserTest {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void trialsAppearLiveAndATrialShowsItsChartSourceGraphAndOutput() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    int port = WebUiTest.freePort();
    NasExperiment exp = new NasExperiment(new TutorialSpace(), new FunctionalEvaluator(m -> {
      for (int i = 1; i <= 4; i++) {
        System.out.println("epoch " + i + " of trial " + Nas.trialId());
        Nas.reportIntermediateResult(0.2 * i + 0.01 * Nas.trialId());
        Thread.sleep(250);
      }
      Nas.reportFinalResult(0.8 + 0.01 * Nas.trialId());
    }), new GridSearchStrategy()).progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Thread runner = new Thread(() -> exp.run(ExperimentConfig.local().experimentName("browser").maxTrialNumber(8)
        .inputShape(1, 28, 28).experimentDir(dir), port));
    runner.start();

    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1800",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    WebDriver browser = new ChromeDriver(options);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      String base = "http://127.0.0.1:" + port + "/";
      for (int i = 0; i < 50; i++) {
        try {
          browser.get(base);
          break;
        } catch (RuntimeException notYetServing) {
          Thread.sleep(200);
        }
      }
      wait.until(d -> d.findElement(By.id("status")).getText().startsWith("RUNNING"));
      browser.findElement(By.cssSelector("nav a[data-tab=trials]")).click();
      int first = browser.findElements(By.cssSelector("#trials-table tbody tr")).size();
      wait.until(d -> d.findElements(By.cssSelector("#trials-table tbody tr")).size() >= Math.max(2, first + 1));
      browser.findElement(By.cssSelector("#trials-table tbody tr[data-id='1']")).click();
      wait.until(d -> d.findElement(By.id("trial-title")).getText().startsWith("Trial 1"));
      wait.until(d -> d.findElement(By.id("trial-source")).getText().contains("extends AbstractBlock"));
      wait.until(d -> !d.findElements(By.cssSelector("#trial-graph canvas")).isEmpty());
      assertTrue(browser.findElement(By.id("trial-chart")).isDisplayed());
      assertTrue(browser.findElement(By.id("trial-facts")).getText().contains("conv2"));
      wait.until(d -> d.findElement(By.id("trial-facts")).getText().contains("seed 42000127"));
      wait.until(d -> d.findElement(By.id("trial-log")).getText().contains("final result"));
      // The trial ran in a worker JVM; what it printed there shows on its page.
      wait.until(d -> d.findElement(By.id("trial-stdout")).getText().contains("epoch 4 of trial 1"));
      Path screenshot = Path.of("target", "web-ui-trial.png");
      Files.write(screenshot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
      browser.findElement(By.cssSelector("nav a[data-tab=chart]")).click();
      // The chart offers every metric key the trials reported; here, the plain numbers' "default".
      wait.until(d -> !d.findElements(By.cssSelector("#chart-metric option[value=default]")).isEmpty());
      Files.write(Path.of("target", "web-ui-metrics.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
      exp.stop();
      runner.join(20_000);
      exp.closeWebUi();
    }
  }
}
