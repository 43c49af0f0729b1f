package dev.jnas.engine.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Debian Chromium through the system chromedriver, for the web UI's browser tests. */
final class Chromium {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private Chromium() {}

  /** Skips the calling test where Chromium is not installed (.ci/run installs it). */
  static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
  }

  /** A 1280 x 1800 headless browser with its profile in {@code dir}, keeping the page's console for the test to read. */
  static WebDriver start(Path dir) throws IOException {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1800",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    // The page's console, to fail on any JavaScript error.
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    return new ChromeDriver(options);
  }

  /** The page's console errors so far. */
  static java.util.List<String> consoleErrors(WebDriver browser) {
    return browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).map(Object::toString).toList();
  }
}
