package dev.jnas.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web UI in a real browser: headless Chromium through Selenium and the system chromedriver. */
class WebUiBrowserTest {
  @TempDir Path dir;

  @Test
  void trialsAppearLiveAndATrialShowsItsChartSourceGraphAndOutput() throws Exception {
    Chromium.assumeInstalled();
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

    WebDriver browser = Chromium.start(dir);
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
      // The overview: what runs how, progress against the budget, the metric per trial, the top trials.
      wait.until(d -> d.findElement(By.id("config")).getText().contains("GridSearchStrategy · BASE engine · LOCAL service"));
      wait.until(d -> d.findElement(By.id("config")).getText().matches(".*[1-8] of 8 trials done.*"));
      wait.until(d -> !d.findElements(By.cssSelector("#top-table tbody tr")).isEmpty());
      assertTrue(browser.findElement(By.id("times")).getText().startsWith("started "));
      Files.write(Path.of("target", "web-ui-overview.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
      browser.findElement(By.cssSelector("nav a[data-tab=trials]")).click();
      int first = browser.findElements(By.cssSelector("#trials-table tbody tr")).size();
      wait.until(d -> d.findElements(By.cssSelector("#trials-table tbody tr")).size() >= Math.max(2, first + 1));
      Files.write(Path.of("target", "web-ui-trials.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
      // The filter keeps the rows that mention every word: trial 1's whole architecture is in its row alone.
      // A column per choice, in the space's order, after the five fixed ones.
      List<String> heads = browser.findElements(By.cssSelector("#trials-table thead th")).stream().map(e -> e.getText()).toList();
      assertEquals(List.of("Trial", "State", "Metric", "Other metrics", "Duration", "conv2", "dropout1.p", "feature"), heads);
      // The table redraws every second: read and click through waits that retry a stale element.
      String row = "#trials-table tbody tr[data-id='1'] td:nth-child(";
      String sample = "conv2=" + text(wait, row + "6)") + " feature=" + text(wait, row + "8)") + " dropout1.p=" + text(wait, row + "7)");
      browser.findElement(By.id("filter")).sendKeys(sample);
      wait.until(d -> d.findElements(By.cssSelector("#trials-table tbody tr")).size() == 1);
      browser.findElement(By.id("filter")).clear();
      browser.findElement(By.id("filter")).sendKeys(" ");
      wait.until(d -> {
        try {
          d.findElement(By.cssSelector("#trials-table tbody tr[data-id='1']")).click();
          return true;
        } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
          return false;
        }
      });
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
      // Parallel coordinates: a line per successful trial; compare: two trials' choices side by side.
      browser.findElement(By.cssSelector("nav a[data-tab=parallel]")).click();
      assertTrue(browser.findElement(By.id("parallel-chart")).isDisplayed());
      Files.write(Path.of("target", "web-ui-parallel.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
      browser.findElement(By.cssSelector("nav a[data-tab=compare]")).click();
      wait.until(d -> d.findElements(By.cssSelector("#compare-table tbody tr")).size() >= 4);
      wait.until(d -> !d.findElements(By.cssSelector("#compare-table tbody tr.differs")).isEmpty());
      Files.write(Path.of("target", "web-ui-compare.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
      browser.findElement(By.cssSelector("nav a[data-tab=space]")).click();
      wait.until(d -> d.findElement(By.id("space-text")).getText().startsWith("18 architectures"));
      Files.write(Path.of("target", "web-ui-space.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
      var errors = Chromium.consoleErrors(browser);
      assertEquals(List.of(), errors, "JavaScript errors in the page's console");
    } finally {
      browser.quit();
      exp.stop();
      runner.join(20_000);
      exp.closeWebUi();
    }
  }

  /** The text of the element at {@code css}, read again if the page redrew it meanwhile. */
  private static String text(WebDriverWait wait, String css) {
    return wait.until(d -> {
      try {
        return d.findElement(By.cssSelector(css)).getText();
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        return null;
      }
    });
  }
}
