package io.tongbao.support.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.util.FileSystemUtils;

/**
 * Screenshots of what the browser shows, numbered in the order a test class took them, named after the page and the
 * language it was shown in: {@code target/screenshots/<TestClass>/<nn>-<name>-<lang>.png} (the folder is emptied when
 * the class starts, so it shows the last run). A page taller than the window is captured whole.
 */
public final class Screens {

    /** Relative to the module the tests run in ({@code server/}); {@code -Dtongbao.screenshots=DIR} moves it. */
    static final Path ROOT = Path.of(System.getProperty("tongbao.screenshots", "target/screenshots"));

    private final ChromeDriver driver;
    private final Path folder;
    private final Supplier<ConsoleLanguage> language;
    private int taken;

    Screens(ChromeDriver driver, String testClass, Supplier<ConsoleLanguage> language) {
        this.driver = driver;
        this.folder = ROOT.resolve(testClass);
        this.language = language;
        try {
            FileSystemUtils.deleteRecursively(folder);
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the whole page as {@code <nn>-<name>-<lang>.png} and answers the file. */
    public Path take(String name) {
        Path png = next(name, ".png");
        write(png, fullPage());
        return png;
    }

    /** The folder this class's screenshots go to. */
    public Path folder() {
        return folder;
    }

    /** What a failed test leaves to look at: the page as it was, as a picture and as HTML. */
    void failed(String testName) {
        Path png = next("failed-" + testName, ".png");
        write(png, fullPage());
        write(
                png.resolveSibling(png.getFileName().toString().replace(".png", ".html")),
                driver.getPageSource() == null
                        ? new byte[0]
                        : driver.getPageSource().getBytes(StandardCharsets.UTF_8));
    }

    private Path next(String name, String extension) {
        taken++;
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return folder.resolve(
                "%02d-%s-%s%s".formatted(taken, safe, language.get().tag(), extension));
    }

    /** Chromium's DevTools capture beyond the window; the window alone when DevTools refuses. */
    private byte[] fullPage() {
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
            Map<String, Object> shot = driver.executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of(
                            "format",
                            "png",
                            "captureBeyondViewport",
                            true,
                            "clip",
                            Map.of(
                                    "x", 0,
                                    "y", 0,
                                    "width", Math.max(size.get("width").doubleValue(), 1),
                                    "height", Math.max(size.get("height").doubleValue(), 1),
                                    "scale", 1)));
            return Base64.getDecoder().decode((String) shot.get("data"));
        } catch (WebDriverException | ClassCastException | NullPointerException e) {
            return driver.getScreenshotAs(OutputType.BYTES);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
