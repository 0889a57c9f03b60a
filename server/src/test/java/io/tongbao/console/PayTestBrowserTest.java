package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.platform.Role;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import io.tongbao.support.browser.Browser;
import io.tongbao.support.browser.BrowserTest;
import io.tongbao.support.browser.ConsoleLanguage;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * The scenario: a merchant owner logs in, runs a pay test with an Alipay QR code, pays it at the sandbox's
 * cashier in another tab, and sees the result page turn PAID by itself, without reloading; then the overview with
 * its chart; refunds part of it on the payment's page. An operator then finds the payment by its out_trade_no, sees
 * the refund in its timeline and in the audit log; another merchant's owner gets a 404 at the payment and a refusal
 * at an operator page. Screenshots of the pages in both languages.
 */
@BrowserTest
@TongbaoTest
@TestPropertySource(properties = "tongbao.sandbox.enabled=true")
class PayTestBrowserTest {

    private static final Map<ConsoleLanguage, String> NOT_FOUND =
            Map.of(ConsoleLanguage.ZH_CN, "未找到", ConsoleLanguage.EN, "Not found");
    private static final Map<ConsoleLanguage, String> DENIED =
            Map.of(ConsoleLanguage.ZH_CN, "无权访问", ConsoleLanguage.EN, "Not allowed");
    private static final Map<ConsoleLanguage, String> PAID =
            Map.of(ConsoleLanguage.ZH_CN, "已支付", ConsoleLanguage.EN, "Paid");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void anOwnerPaysATestPaymentInTheSandboxCashierAndSeesItPaidWithoutReloading(Browser browser) {
        PayTestShop shop = PayTestShop.open(new OperatorClient(port, jdbc, passwords), "浏览器 测试商户");
        String owner = new ConsoleUsers(jdbc, passwords).create(Role.OWNER, shop.merchantId());
        WebDriver driver = browser.driver();
        browser.open("/console/login");
        driver.findElement(By.id("username")).sendKeys(owner);
        driver.findElement(By.id("password")).sendKeys(ConsoleUsers.PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        browser.waiting().until(ExpectedConditions.urlMatches("/console/$"));

        browser.inEachLanguage("/console/pay-test", language -> {
            browser.screens().take("pay-test-form");
            assertThat(new Select(driver.findElement(By.id("app_id")))
                            .getFirstSelectedOption()
                            .getText())
                    .contains(shop.appId());
            // the buyer fields of other pay ways are hidden
            assertThat(driver.findElement(By.id("auth_code")).isDisplayed()).isFalse();
        });

        new Select(driver.findElement(By.id("pay_way"))).selectByValue("ALIPAY_QR");
        driver.findElement(By.id("amount")).clear();
        driver.findElement(By.id("amount")).sendKeys("25.99");
        driver.findElement(By.id("pay-test-submit")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/console/pay-test/pay_"));
        String result = driver.getCurrentUrl();
        assertThat(driver.findElement(By.cssSelector("#pay-test-action svg.qr")).isDisplayed())
                .isTrue();
        assertThat(driver.findElement(By.cssSelector("#pay-test-status")).getDomAttribute("data-status"))
                .isEqualTo("PENDING");
        browser.inEachLanguage(result, language -> browser.screens().take("pay-test-result"));

        ((JavascriptExecutor) driver).executeScript("window.payTestNotReloaded = true;");
        String console = driver.getWindowHandle();
        driver.findElement(By.id("pay-test-cashier")).click();
        browser.waiting().until(ExpectedConditions.numberOfWindowsToBe(2));
        Set<String> windows = driver.getWindowHandles();
        String cashier = windows.stream()
                .filter(handle -> !handle.equals(console))
                .findFirst()
                .orElseThrow();
        driver.switchTo().window(cashier);
        browser.waiting().until(ExpectedConditions.urlContains("/sandbox/cashier/alipay/"));
        browser.screens().take("sandbox-cashier");
        driver.findElement(By.cssSelector("button[name=action][value=pay]")).click();
        browser.waiting()
                .until(ExpectedConditions.or(
                        ExpectedConditions.textToBe(By.tagName("h2"), "付款成功"),
                        ExpectedConditions.textToBe(By.tagName("h2"), "Payment succeeded")));
        driver.close();
        driver.switchTo().window(console);

        browser.waiting().until(ExpectedConditions.attributeToBe(By.id("pay-test-status"), "data-status", "PAID"));
        assertThat(driver.findElement(By.cssSelector("#pay-test-status .status-paid"))
                        .getText())
                .isEqualTo(PAID.get(browser.language()));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.payTestNotReloaded === true;"))
                .isEqualTo(true);
        assertThat(driver.findElement(By.id("pay-test-status")).getDomAttribute("hx-trigger"))
                .isNull();
        // the code is no longer payable: the buyer's panel says so instead
        assertThat(driver.findElements(By.cssSelector("#pay-test-action svg"))).isEmpty();
        browser.screens().take("pay-test-paid");

        browser.inEachLanguage("/console/", language -> {
            browser.waiting()
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#overview-chart canvas")));
            assertThat(driver.findElement(By.id("figure-today-paid")).getText()).isEqualTo("¥25.99");
            browser.screens().take("overview");
        });

        // the owner refunds part of it on the payment's page, confirming the amount
        String paymentId = result.substring(result.lastIndexOf('/') + 1);
        browser.open("/console/payments/" + paymentId);
        driver.findElement(By.id("refund-amount")).sendKeys("5.00");
        driver.findElement(By.id("refund-reason")).sendKeys("部分退款 partial refund");
        driver.findElement(By.id("refund-submit")).click();
        browser.waiting().until(ExpectedConditions.alertIsPresent());
        assertThat(driver.switchTo().alert().getText()).contains("5.00");
        driver.switchTo().alert().accept();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("refunds"), "¥5.00"));
        browser.screens().take("payment-refunded");
        driver.findElement(By.id("logout")).click();

        // an operator finds the payment by its out_trade_no, sees the refund in its timeline and in the audit log
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        String outTradeNo = jdbc.sql("select out_trade_no from payment_order where id = :id")
                .param("id", paymentId)
                .query(String.class)
                .single();
        String admin = new ConsoleUsers(jdbc, passwords).create(Role.ADMIN, null);
        logIn(browser, admin);
        browser.open("/console/payments?out_trade_no=" + outTradeNo);
        driver.findElement(By.linkText(paymentId)).click();
        browser.waiting().until(ExpectedConditions.urlContains("/console/payments/" + paymentId));
        assertThat(driver.findElement(By.id("timeline")).getText()).contains("5.00");
        browser.inEachLanguage(
                "/console/payments/" + paymentId, language -> browser.screens().take("operator-payment"));
        browser.open("/console/audit?action=refund.created");
        assertThat(driver.findElement(By.id("audit")).getText()).contains(owner);
        browser.screens().take("operator-audit-refund");
        driver.findElement(By.id("logout")).click();

        // another merchant's owner meets a 404 at this payment and a refusal at operator pages
        String otherOwner = new ConsoleUsers(jdbc, passwords).create(Role.OWNER, operator.createMerchant("别家商户"));
        logIn(browser, otherOwner);
        browser.open("/console/payments/" + paymentId);
        assertThat(driver.getPageSource()).doesNotContain(outTradeNo).contains(NOT_FOUND.get(browser.language()));
        browser.screens().take("other-merchant-not-found");
        browser.open("/console/merchants");
        assertThat(driver.getPageSource()).contains(DENIED.get(browser.language()));
    }

    private static void logIn(Browser browser, String username) {
        WebDriver driver = browser.driver();
        browser.open("/console/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(ConsoleUsers.PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        browser.waiting().until(ExpectedConditions.urlMatches("/console/$"));
    }
}
