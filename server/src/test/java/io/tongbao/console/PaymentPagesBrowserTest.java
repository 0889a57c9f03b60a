package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.payment.FakeChannelGateways;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.platform.Role;
import io.tongbao.sdk.PaymentApi;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.OwnDatabaseInitializer;
import io.tongbao.support.TestEndpoints;
import io.tongbao.support.browser.Browser;
import io.tongbao.support.browser.BrowserTest;
import io.tongbao.support.browser.ConsoleLanguage;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * An operator at the payment pages in a real Chromium, in both languages: the list and its filters, a payment with
 * its timeline, the refund form refusing too much beside the field, the exceptions and the approvals.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
@Import({TestEndpoints.class, FakeChannelGateways.class})
@TestPropertySource(properties = "tongbao.channels.enabled=false")
class PaymentPagesBrowserTest {

    private static final Map<ConsoleLanguage, String> PAYMENTS =
            Map.of(ConsoleLanguage.ZH_CN, "支付订单", ConsoleLanguage.EN, "Payments");
    private static final Map<ConsoleLanguage, String> PAID =
            Map.of(ConsoleLanguage.ZH_CN, "渠道支付成功", ConsoleLanguage.EN, "Paid at the channel");
    private static final Map<ConsoleLanguage, String> TOO_MUCH = Map.of(
            ConsoleLanguage.ZH_CN, "退款金额超过了这笔支付的可退金额", ConsoleLanguage.EN, "That is more than is left to refund");

    static ConsolePaymentShop shop;
    static PaymentApi.Payment paid;
    static PaymentApi.Payment big;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    ChannelNotifications notifications;

    String operator;

    @BeforeEach
    void payments() {
        if (shop == null) {
            shop = ConsolePaymentShop.open(new OperatorClient(port, jdbc, passwords), jdbc, notifications);
            paid = shop.paid(123_456, "会员月卡 <b>12 个月</b>");
            big = shop.paid(900_000, "企业年费");
            shop.order(2_000, "未支付的订单");
            shop.paidAfterClose(5_000, "关单后付款");
        }
        ConsoleUsers users = new ConsoleUsers(jdbc, passwords);
        operator = users.create(Role.ADMIN, null);
    }

    @Test
    void anOperatorSearchesPaymentsAndReadsOnesTimeline(Browser browser) {
        logIn(browser, operator);

        browser.inEachLanguage("/console/payments", language -> {
            browser.screens().take("payments");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(PAYMENTS.get(language));
            assertThat(text(browser)).contains("¥1,234.56", "会员月卡 <b>12 个月</b>");
        });

        browser.driver().findElement(By.id("f-min")).sendKeys("1000");
        browser.driver().findElement(By.id("filter-submit")).click();
        browser.waiting().until(ExpectedConditions.urlContains("amount_min=1000"));
        browser.screens().take("payments-filtered");
        assertThat(text(browser)).contains("¥1,234.56", "¥9,000.00").doesNotContain("¥20.00");

        browser.driver().findElement(By.id("f-max")).sendKeys("abc");
        browser.driver().findElement(By.id("filter-submit")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".invalid-feedback")));
        browser.screens().take("payments-bad-amount");

        browser.inEachLanguage("/console/payments/" + paid.id(), language -> {
            browser.screens().take("payment-detail");
            assertThat(browser.driver().findElement(By.id("timeline")).getText())
                    .contains(PAID.get(language));
            assertThat(browser.driver().findElement(By.id("payment-subject")).getText())
                    .isEqualTo("会员月卡 <b>12 个月</b>");
        });
    }

    @Test
    void theRefundFormRepeatsTheAmountAndRefusesTooMuchBesideTheField(Browser browser) {
        logIn(browser, operator);
        browser.inEachLanguage("/console/payments/" + paid.id(), language -> {
            WebDriver driver = browser.driver();
            driver.findElement(By.id("refund-amount")).sendKeys("5000.00");
            driver.findElement(By.id("refund-reason")).sendKeys("测试");
            driver.findElement(By.id("refund-submit")).click();
            Alert confirm = browser.waiting().until(ExpectedConditions.alertIsPresent());
            assertThat(confirm.getText()).contains("5000.00", paid.id());
            confirm.accept();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("refund-amount-error")));
            browser.screens().take("refund-refused");
            assertThat(driver.findElement(By.id("refund-amount-error")).getText())
                    .contains(TOO_MUCH.get(language));
        });
    }

    @Test
    void exceptionsAndApprovalsInBothLanguages(Browser browser) {
        logIn(browser, operator);
        // the operator asks for a refund above the threshold: it waits for another operator
        browser.open("/console/payments/" + big.id());
        browser.driver().findElement(By.id("refund-amount")).sendKeys("1200");
        browser.driver().findElement(By.id("refund-reason")).sendKeys("大额退款");
        browser.driver().findElement(By.id("refund-submit")).click();
        browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert-success")));
        browser.screens().take("refund-awaiting-approval");

        browser.inEachLanguage("/console/exceptions", language -> {
            browser.screens().take("exceptions");
            assertThat(browser.driver().findElements(By.cssSelector("#exception-list tbody tr")))
                    .isNotEmpty();
        });
        browser.inEachLanguage("/console/refunds", language -> browser.screens().take("refunds"));
        browser.inEachLanguage("/console/refunds/approvals", language -> {
            browser.screens().take("approvals");
            assertThat(text(browser)).contains("¥1,200.00");
        });
        // its requester cannot approve it
        browser.driver().findElement(By.cssSelector("#approvals .approve")).click();
        browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("approval-error")));
        browser.screens().take("approval-same-operator");
    }

    private static void logIn(Browser browser, String username) {
        browser.open("/console/login");
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(ConsoleUsers.PASSWORD);
        browser.driver().findElement(By.id("login-submit")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
    }

    private static String text(Browser browser) {
        return browser.driver().findElement(By.tagName("body")).getText();
    }
}
