package io.tongbao.support.browser;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The headless Chromium of a {@link BrowserTest} class, pointed at the application the class booted. Navigation
 * takes paths ({@code /console/payments}) relative to that application, or whole URLs. The console's language is
 * chosen the way a user chooses it, with {@code ?lang=zh-CN} / {@code ?lang=en} on a page (the console remembers it in
 * a cookie); {@link #language()} is the last one chosen, and names the screenshots.
 */
public final class Browser {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final Supplier<String> baseUrl;
    private final ConsoleLanguage startLanguage;
    private final Screens screens;
    private ConsoleLanguage language;

    Browser(ChromeDriver driver, Supplier<String> baseUrl, ConsoleLanguage startLanguage, String testClass) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.startLanguage = startLanguage;
        this.language = startLanguage;
        this.screens = new Screens(driver, testClass, this::language);
    }

    public WebDriver driver() {
        return driver;
    }

    /** {@code http://localhost:<port>} of the application under test. */
    public String baseUrl() {
        return baseUrl.get();
    }

    public Screens screens() {
        return screens;
    }

    /** The console language last chosen with {@code ?lang=}; the browser's own until then. */
    public ConsoleLanguage language() {
        return language;
    }

    /** Goes to a path of the application, or to a whole URL, as typed into the address bar. */
    public void open(String pathOrUrl) {
        driver.get(url(pathOrUrl));
    }

    /** Goes to the page with {@code ?lang=<tag>}, which chooses the console's language from then on. */
    public void open(String pathOrUrl, ConsoleLanguage chosen) {
        driver.get(UriComponentsBuilder.fromUriString(url(pathOrUrl))
                .replaceQueryParam("lang", chosen.tag())
                .build()
                .toUriString());
        language = chosen;
    }

    /**
     * Runs the block once per console language, Chinese first, each time on the page opened with that language
     * chosen: what a test does to look at a page in both languages (a screenshot each, the texts of each).
     */
    public void inEachLanguage(String pathOrUrl, Consumer<ConsoleLanguage> block) {
        for (ConsoleLanguage each : ConsoleLanguage.values()) {
            open(pathOrUrl, each);
            block.accept(each);
        }
    }

    /** Waits (10 s at most) for what a page does after a click: {@code browser.waiting().until(...)}. */
    public WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Between two tests of a class: no cookie (so no language, no login) carried from one to the other. */
    void forgetSession() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        language = startLanguage;
    }

    void quit() {
        driver.quit();
    }

    private String url(String pathOrUrl) {
        return pathOrUrl.startsWith("/") ? baseUrl() + pathOrUrl : pathOrUrl;
    }
}
