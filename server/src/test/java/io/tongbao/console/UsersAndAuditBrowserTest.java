package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.platform.Role;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import io.tongbao.support.browser.Browser;
import io.tongbao.support.browser.BrowserTest;
import io.tongbao.support.browser.ConsoleLanguage;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users and audit-log pages in a real Chromium, in both languages: the list, the new-user form refused beside
 * its field, the password shown once, a user's page, the audit log with a change opened, and the chain verified; and
 * what a merchant's owner sees of both.
 */
@TongbaoTest
@BrowserTest
class UsersAndAuditBrowserTest {

    private static final Map<ConsoleLanguage, String> USERS_TITLE =
            Map.of(ConsoleLanguage.ZH_CN, "用户与角色", ConsoleLanguage.EN, "Users & roles");
    private static final Map<ConsoleLanguage, String> NAME_REFUSED =
            Map.of(ConsoleLanguage.ZH_CN, "3-64 个字符", ConsoleLanguage.EN, "3-64 characters: lower-case letters");
    private static final Map<ConsoleLanguage, String> SHOWN_ONCE =
            Map.of(ConsoleLanguage.ZH_CN, "此密码仅显示这一次", ConsoleLanguage.EN, "shown only this once");
    private static final Map<ConsoleLanguage, String> INTACT =
            Map.of(ConsoleLanguage.ZH_CN, "哈希链完整", ConsoleLanguage.EN, "The chain is intact");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    ConsoleUsers users;
    String merchant;

    @BeforeEach
    void setUp() {
        users = new ConsoleUsers(jdbc, passwords);
        merchant = new OperatorClient(port, jdbc, passwords).createMerchant("Jasmine Tea House 茉莉茶馆");
    }

    @Test
    void anAdministratorManagesUsersAndReadsTheAuditLog(Browser browser) {
        String admin = users.create(Role.ADMIN, null);
        logIn(browser, admin);

        browser.inEachLanguage("/console/users", language -> {
            assertThat(text(browser, "h1")).isEqualTo(USERS_TITLE.get(language));
            assertThat(text(browser, "#users")).contains(admin);
            browser.screens().take("users");
        });

        browser.inEachLanguage("/console/users", language -> {
            openNewUserForm(browser);
            fillNewUser(browser, "Not A Name!", "OWNER", merchant);
            WebElement username = browser.driver().findElement(By.id("username"));
            assertThat(username.getDomAttribute("class")).contains("is-invalid");
            assertThat(browser.driver().findElement(By.id("new-user-form")).getText())
                    .contains(NAME_REFUSED.get(language));
            browser.screens().take("new-user-refused");
        });

        String created = null;
        for (ConsoleLanguage language : ConsoleLanguage.values()) {
            browser.open("/console/users", language);
            openNewUserForm(browser);
            created = "owner-" + language.tag().toLowerCase(Locale.ROOT) + "-" + System.nanoTime();
            fillNewUser(browser, created, "OWNER", merchant);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("password-once")));
            assertThat(browser.driver().findElement(By.id("password-once")).getText())
                    .hasSizeGreaterThanOrEqualTo(20);
            assertThat(text(browser, "#password-warning")).contains(SHOWN_ONCE.get(language));
            browser.screens().take("password-shown-once");
        }

        String user = created;
        browser.inEachLanguage("/console/users/" + user, language -> {
            assertThat(text(browser, "#user-facts")).contains(merchant);
            browser.screens().take("user");
        });

        browser.inEachLanguage("/console/audit", language -> {
            WebElement change = browser.driver().findElement(By.cssSelector("#audit details.audit-change"));
            change.findElement(By.tagName("summary")).click();
            assertThat(change.getText()).contains("\"role\"");
            browser.screens().take("audit");
        });

        for (ConsoleLanguage language : ConsoleLanguage.values()) {
            browser.open("/console/audit", language);
            browser.driver().findElement(By.id("verify-chain")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("verification")));
            assertThat(text(browser, "#verification")).contains(INTACT.get(language));
            browser.screens().take("verify");
        }
    }

    @Test
    void aMerchantsOwnerSeesItsOwnStaffAndItsOwnEntries(Browser browser) {
        String owner = users.create(Role.OWNER, merchant);
        users.create(Role.STAFF, merchant);
        logIn(browser, owner);

        browser.inEachLanguage("/console/users", language -> {
            openNewUserForm(browser);
            assertThat(new Select(browser.driver().findElement(By.id("role")))
                            .getOptions().stream()
                                    .map(option -> option.getDomAttribute("value"))
                                    .toList())
                    .containsExactly("", "OWNER", "MERCHANT_FINANCE", "DEVELOPER", "STAFF");
            browser.screens().take("users-owner");
        });
        browser.inEachLanguage("/console/audit", language -> {
            assertThat(browser.driver().findElements(By.id("verify-chain"))).isEmpty();
            browser.screens().take("audit-owner");
        });
    }

    private static void logIn(Browser browser, String username) {
        browser.open("/console/login");
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(ConsoleUsers.PASSWORD);
        browser.driver().findElement(By.id("login-submit")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
    }

    private static void openNewUserForm(Browser browser) {
        browser.driver().findElement(By.id("new-user-toggle")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("create-user")));
    }

    private static void fillNewUser(Browser browser, String username, String role, String merchantId) {
        browser.driver().findElement(By.id("username")).sendKeys(username);
        new Select(browser.driver().findElement(By.id("role"))).selectByValue(role);
        browser.driver().findElement(By.id("merchant_id")).sendKeys(merchantId);
        browser.driver().findElement(By.id("display_name")).sendKeys("王小明");
        WebElement page = browser.driver().findElement(By.tagName("html"));
        browser.driver().findElement(By.id("create-user")).click();
        browser.waiting().until(ExpectedConditions.stalenessOf(page));
    }

    private static String text(Browser browser, String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }
}
