package io.tongbao.support.browser;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's Chromium and chromedriver (Debian's {@code chromium} and {@code chromium-driver}), or another pair
 * named by the system properties {@code tongbao.chromium} / {@code tongbao.chromedriver} or the environment variables
 * {@code TONGBAO_CHROMIUM} / {@code TONGBAO_CHROMEDRIVER}. Both paths are given to Selenium, so that its Selenium
 * Manager, which would download a browser or a driver, is never started.
 */
record Chromium(Path browser, Path driver) {

    static final int WIDTH = 1366;
    static final int HEIGHT = 900;

    static Chromium configured() {
        return new Chromium(
                path("tongbao.chromium", "TONGBAO_CHROMIUM", "/usr/bin/chromium"),
                path("tongbao.chromedriver", "TONGBAO_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    /**
     * Why the browser tests cannot run here, if they cannot: the binaries are missing, or Chromium does not start
     * (tried once per test run, so that a broken install skips the tests rather than failing each class).
     */
    static Optional<String> unusable() {
        return Trial.RESULT;
    }

    private Optional<String> missing() {
        for (Path binary : new Path[] {browser, driver}) {
            if (!Files.isExecutable(binary)) {
                return Optional.of(binary + " is not an executable file (install chromium and chromium-driver,"
                        + " or name them with -Dtongbao.chromium / -Dtongbao.chromedriver)");
            }
        }
        return Optional.empty();
    }

    ChromeDriver start(String acceptLanguage) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT,
                // Bootstrap scrolls smoothly unless the user prefers reduced motion: a click right after scrolling an
                // element into view then lands while it still moves ("element click intercepted")
                "--force-prefers-reduced-motion",
                "--lang=" + acceptLanguage);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /** Runs on first use, once per JVM. */
    private static final class Trial {

        static final Optional<String> RESULT = tryOnce();

        private static Optional<String> tryOnce() {
            Chromium chromium = configured();
            Optional<String> missing = chromium.missing();
            if (missing.isPresent()) {
                return missing;
            }
            try {
                chromium.start("en").quit();
                return Optional.empty();
            } catch (WebDriverException e) {
                return Optional.of("Chromium did not start: "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
    }

    private static Path path(String property, String variable, String fallback) {
        String configured = System.getProperty(property, System.getenv(variable));
        return new File(configured == null || configured.isBlank() ? fallback : configured).toPath();
    }
}
