package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.PaymentApi;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.PayWay.Channel;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.browser.Browser;
import io.tongbao.support.browser.BrowserTest;
import io.tongbao.support.browser.ConsoleLanguage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A buyer at the sandbox's Alipay cashier in a real Chromium: a WAP payment's link leads through the gateway to the
 * cashier, which shows the order in both languages; clicking pay makes the payment PAID, as the merchant sees it
 * through the SDK. The first of the browser tests (docs/testing.md): the console's follow the same pattern.
 */
@SandboxEndToEnd
@BrowserTest
class CashierBrowserTest {

    private static final Map<ConsoleLanguage, String> PAY_BUTTON =
            Map.of(ConsoleLanguage.ZH_CN, "确认付款", ConsoleLanguage.EN, "Pay now");
    private static final Map<ConsoleLanguage, String> PAID =
            Map.of(ConsoleLanguage.ZH_CN, "付款成功", ConsoleLanguage.EN, "Payment succeeded");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    Shop shop;

    @BeforeEach
    void openShop() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        shop = Shop.open(operator, new Sandbox(operator.baseUrl()), Channel.ALIPAY);
    }

    @Test
    void theCashierShowsTheOrderInBothLanguages(Browser browser) {
        PaymentApi.Payment payment = shop.create(PayWay.ALIPAY_WAP, 2599);
        String cashier = cashierOf(browser, payment);

        browser.inEachLanguage(cashier, language -> {
            browser.screens().take("cashier");
            assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"))
                    .isEqualTo(language.tag());
            assertThat(payButton(browser).getText()).isEqualTo(PAY_BUTTON.get(language));
            assertThat(browser.driver().findElement(By.tagName("body")).getText())
                    .contains(payment.subject())
                    .contains("¥ 25.99");
        });
    }

    @Test
    void aBuyerWhoClicksPayMakesThePaymentPaid(Browser browser) {
        PaymentApi.Payment payment = shop.create(PayWay.ALIPAY_WAP, 1000);
        browser.open(cashierOf(browser, payment), ConsoleLanguage.EN);
        browser.screens().take("cashier");

        payButton(browser).click();

        browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h2"), PAID.get(browser.language())));
        browser.screens().take("paid");
        assertThat(browser.driver().findElement(By.id("return")).getDomAttribute("href"))
                .startsWith("https://shop.example/paid?");
        await().atMost(Duration.ofSeconds(20)).until(() -> shop.isPaid(payment.id()));
    }

    /** Follows the payment's link as the buyer's phone would: the gateway redirects to the trade's cashier. */
    private static String cashierOf(Browser browser, PaymentApi.Payment payment) {
        assertThat(payment.action().type()).isEqualTo("REDIRECT_URL");
        browser.open((String) payment.action().data().get("url"));
        browser.waiting().until(ExpectedConditions.urlContains("/sandbox/cashier/alipay/"));
        return browser.driver().getCurrentUrl();
    }

    private static WebElement payButton(Browser browser) {
        return browser.driver().findElement(By.cssSelector("button[name=action][value=pay]"));
    }
}
