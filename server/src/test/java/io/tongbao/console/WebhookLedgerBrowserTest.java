package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.platform.Role;
import io.tongbao.sdk.ledger.NewHold;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.LedgerMerchant;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import io.tongbao.support.WebhookReceiver;
import io.tongbao.support.browser.Browser;
import io.tongbao.support.browser.BrowserTest;
import io.tongbao.support.browser.ConsoleLanguage;
import io.tongbao.webhook.WebhookQueries;
import io.tongbao.webhook.WebhookQueries.DeliveryFilter;
import io.tongbao.webhook.WebhookQueries.DeliveryRow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * The webhook, call log and ledger pages in a real Chromium, in both languages, with a screenshot of each: a merchant
 * whose ledger transfers are sent as webhooks, some of its API calls refused, a hold open and one expired.
 */
@TongbaoTest
@BrowserTest
@TestPropertySource(
        properties = {
            "tongbao.channels.enabled=false",
            "tongbao.webhooks.dispatcher-enabled=true",
            "tongbao.webhooks.allow-private-targets=true",
            "tongbao.webhooks.poll-interval=PT0.2S"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookLedgerBrowserTest {

    private static final Map<ConsoleLanguage, String> DELIVERIES =
            Map.of(ConsoleLanguage.ZH_CN, "Webhook 投递", ConsoleLanguage.EN, "Webhook deliveries");
    private static final Map<ConsoleLanguage, String> AUDIT_OK =
            Map.of(ConsoleLanguage.ZH_CN, "所有不变量均成立。", ConsoleLanguage.EN, "Every invariant holds.");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    WebhookQueries webhooks;

    WebhookReceiver receiver;
    LedgerMerchant merchant;
    DeliveryRow delivery;
    ConsoleUsers users;

    @BeforeAll
    void aMerchantWithLedgerActivity() {
        receiver = new WebhookReceiver();
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        merchant = LedgerMerchant.onboard(operator, receiver.url()).subscribeToTransfers();
        merchant.issue("issue-1", merchant.alice(), 125_000);
        merchant.gift("gift-1", merchant.alice(), merchant.bob(), 2_550);
        merchant.ledger()
                .hold(NewHold.of(
                        "hold-open", "gold", merchant.alice(), merchant.bob(), 1_000, LedgerMerchant.GIFT, 3600));
        merchant.ledger()
                .hold(NewHold.of(
                        "hold-expiring", "gold", merchant.alice(), merchant.bob(), 500, LedgerMerchant.GIFT, 1));
        for (int refused = 0; refused < 3; refused++) {
            try {
                merchant.ledger().account("acc_missing_" + refused);
            } catch (RuntimeException notFound) {
                // a 404 in the call log, as intended
            }
        }
        MerchantId scope = MerchantId.of(merchant.app().merchantId());
        delivery = await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> webhooks.deliveries(DeliveryFilter.of(scope), PageRequest.first(20))
                                .rows(),
                        rows -> rows.size() >= 3
                                && rows.stream().anyMatch(row -> row.eventType().equals("hold.expired")))
                .stream()
                .filter(row -> row.attempts() > 0)
                .findFirst()
                .orElseThrow();
        users = new ConsoleUsers(jdbc, passwords);
    }

    @AfterAll
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void anOperatorSeesDeliveriesCallsTheLedgerAndTheAuditor(Browser browser) {
        logIn(browser, users.create(Role.ADMIN, null));

        browser.inEachLanguage("/console/webhooks", language -> {
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(DELIVERIES.get(language));
            assertThat(browser.driver().findElements(By.cssSelector("#deliveries tbody tr")))
                    .hasSizeGreaterThanOrEqualTo(3);
            browser.screens().take("webhooks");
        });
        browser.inEachLanguage("/console/webhooks/" + delivery.deliveryId(), language -> {
            assertThat(browser.driver().findElement(By.id("event-body")).getText())
                    .contains(delivery.eventId());
            assertThat(browser.driver().findElements(By.cssSelector("#attempts tbody tr")))
                    .isNotEmpty();
            browser.screens().take("webhook-delivery");
        });
        browser.inEachLanguage("/console/calls", language -> {
            browser.waiting()
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#error-rate-chart canvas")));
            assertThat(browser.driver().findElement(By.id("error-rate-table")).getText())
                    .contains(merchant.app().appId());
            browser.screens().take("calls");
        });
        browser.inEachLanguage("/console/ledger", language -> {
            assertThat(browser.driver().findElement(By.id("accounts")).getText())
                    .contains(merchant.alice())
                    .contains("1,224.50")
                    .contains("1,214.50");
            browser.screens().take("ledger");
        });
        browser.inEachLanguage("/console/ledger/accounts/" + merchant.alice(), language -> {
            assertThat(browser.driver().findElement(By.id("statement")).getText())
                    .contains("issue-1")
                    .contains("gift-1");
            assertThat(browser.driver().findElement(By.id("holds")).getText()).contains("hold-open");
            browser.screens().take("ledger-account");
        });
        browser.inEachLanguage("/console/ledger", language -> {
            browser.driver().findElement(By.cssSelector("#run-audit button")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("audit-outcome")));
            assertThat(browser.driver().findElement(By.id("audit-outcome")).getText())
                    .contains(AUDIT_OK.get(language));
            browser.screens().take("ledger-audit");
        });
    }

    @Test
    void aMerchantOwnerSeesItsOwnPages(Browser browser) {
        logIn(browser, users.create(Role.OWNER, merchant.app().merchantId()));

        for (String page : List.of("/console/webhooks", "/console/calls", "/console/ledger")) {
            browser.inEachLanguage(page, language -> {
                assertThat(browser.driver().findElements(By.id("run-audit"))).isEmpty();
                browser.screens().take("merchant" + page.replace("/console", "").replace('/', '-'));
            });
        }
    }

    private void logIn(Browser browser, String username) {
        browser.open("/console/login");
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(ConsoleUsers.PASSWORD);
        browser.driver().findElement(By.id("login-submit")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
    }
}
