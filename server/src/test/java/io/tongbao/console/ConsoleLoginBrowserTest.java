package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.platform.Role;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.TongbaoTest;
import io.tongbao.support.browser.Browser;
import io.tongbao.support.browser.BrowserTest;
import io.tongbao.support.browser.ConsoleLanguage;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Logging in, out and being locked out in a real Chromium, in both languages; what a merchant user meets at an
 * operator page.
 */
@TongbaoTest
@BrowserTest
class ConsoleLoginBrowserTest {

    private static final Map<ConsoleLanguage, String> WRONG = Map.of(
            ConsoleLanguage.ZH_CN, "用户名、密码或验证码错误", ConsoleLanguage.EN, "The user name, password or code is wrong");
    private static final Map<ConsoleLanguage, String> DENIED =
            Map.of(ConsoleLanguage.ZH_CN, "无权访问", ConsoleLanguage.EN, "Not allowed");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Value("${tongbao.sandbox.enabled:false}")
    boolean sandboxMounted;

    ConsoleUsers users;

    @BeforeEach
    void setUp() {
        users = new ConsoleUsers(jdbc, passwords);
    }

    @Test
    void anOperatorLogsInSeesTheConsoleAndLogsOut(Browser browser) {
        String admin = users.create(Role.ADMIN, null);
        browser.inEachLanguage("/console/login", language -> {
            browser.screens().take("login");
            logIn(browser, admin, "wrong-password");
            assertThat(text(browser.driver(), "login-error")).contains(WRONG.get(language));
            browser.screens().take("login-refused");

            logIn(browser, admin, ConsoleUsers.PASSWORD);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
            assertThat(text(browser.driver(), "signed-in-user")).contains(admin);
            assertThat(browser.driver().findElements(By.cssSelector(".sandbox-band")))
                    .as("the band shows exactly when the sandbox is mounted")
                    .hasSize(sandboxMounted ? 1 : 0);
            browser.screens().take("overview");
            browser.open("/console/me");
            browser.screens().take("profile");

            browser.driver().findElement(By.id("logout")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("login-submit")));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login?logout");
        });
    }

    @Test
    void repeatedFailuresLockTheName(Browser browser) {
        String finance = users.create(Role.FINANCE, null);
        browser.open("/console/login", ConsoleLanguage.EN);
        for (int attempt = 0; attempt < 11; attempt++) {
            logIn(browser, finance, "guess-" + attempt);
        }
        logIn(browser, finance, ConsoleUsers.PASSWORD);
        assertThat(browser.driver().getCurrentUrl()).matches(".*error=(locked|throttled)$");
        assertThat(text(browser.driver(), "login-error")).containsAnyOf("locked", "Too many failed logins");
        browser.screens().take("locked");
    }

    @Test
    void merchantStaffMeetARefusalAtAnOperatorPage(Browser browser) {
        String staff = users.create(Role.STAFF, "m_browser_walk");
        browser.inEachLanguage("/console/login", language -> {
            logIn(browser, staff, ConsoleUsers.PASSWORD);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
            browser.screens().take("merchant-overview");
            browser.open("/console/users");
            assertThat(browser.driver().getPageSource()).contains(DENIED.get(language));
            browser.screens().take("merchant-denied");
            browser.driver().findElement(By.id("logout")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("login-submit")));
        });
    }

    /** Submits the login form and waits until the browser has left the page it was on. */
    private static void logIn(Browser browser, String username, String password) {
        WebDriver driver = browser.driver();
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        WebElement submit = driver.findElement(By.id("login-submit"));
        submit.click();
        browser.waiting().until(ExpectedConditions.stalenessOf(submit));
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }
}
