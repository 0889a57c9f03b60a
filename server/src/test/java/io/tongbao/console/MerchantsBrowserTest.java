package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.platform.Role;
import io.tongbao.support.ConsoleUsers;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import io.tongbao.support.browser.Browser;
import io.tongbao.support.browser.BrowserTest;
import io.tongbao.support.browser.ConsoleLanguage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The onboarding scenario in a real browser: an operator logs in, creates a merchant and an app, keeps the
 * app's secret shown once, and uploads the Alipay and WeChat Pay keys the sandbox registered; a merchant's owner sees
 * its apps. Every page in both languages, with a screenshot each.
 */
@TongbaoTest
@BrowserTest
@TestPropertySource(properties = "tongbao.sandbox.enabled=true")
class MerchantsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anOperatorOnboardsAMerchantWithAnAppAndItsChannelKeys(Browser browser) {
        logIn(browser, new ConsoleUsers(jdbc, passwords).create(Role.ADMIN, null));

        browser.inEachLanguage(
                "/console/merchants", language -> browser.screens().take("merchants"));
        browser.open("/console/merchants", ConsoleLanguage.ZH_CN);
        type(browser, "new-merchant-name", "茶马古道茶庄");
        browser.driver()
                .findElement(By.cssSelector("#create-merchant button[type=submit]"))
                .click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("merchant-name")));
        String merchantPage = path(browser);
        assertThat(text(browser, "merchant-name")).isEqualTo("茶马古道茶庄");

        type(browser, "app-name", "门店收银");
        new Select(browser.driver().findElement(By.id("app-sign-type"))).selectByValue("HMAC_SHA256");
        type(browser, "app-notify-url", "https://tea.example/tongbao/webhooks");
        click(browser, By.id("create-app-submit"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("hmac-secret")));
        assertThat(text(browser, "hmac-secret")).startsWith("sk_");
        browser.screens().take("secret-created");
        click(browser, By.id("to-app"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("alipay-form")));
        String appPage = path(browser);
        String appId = appPage.substring(appPage.lastIndexOf('/') + 1);

        uploadAlipay(browser);
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("channel-accounts")));
        uploadWechatPay(browser);
        browser.waiting()
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#channel-accounts tbody tr"), 2));
        assertThat(jdbc.sql("select count(*) from channel_account where app_id = :app")
                        .param("app", appId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);

        browser.inEachLanguage(merchantPage, language -> {
            browser.screens().take("merchant");
            assertThat(browser.driver().findElement(By.id("merchant-apps")).getText())
                    .contains(appId);
        });
        browser.inEachLanguage(appPage, language -> {
            browser.screens().take("app");
            String channels = text(browser, "channel-accounts");
            assertThat(channels).contains("SHA256:").doesNotContain("PRIVATE KEY");
        });
        browser.inEachLanguage(
                "/console/merchants", language -> browser.screens().take("merchants-one"));

        // the secret page once more, in English: a rotation
        browser.open(appPage, ConsoleLanguage.EN);
        click(browser, By.cssSelector("#rotate-secret button"));
        browser.driver().switchTo().alert().accept();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("hmac-secret")));
        browser.screens().take("secret-rotated");
    }

    @Test
    void aMerchantsOwnerSeesItsOwnApps(Browser browser) {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        String merchantId = operator.createMerchant("Noodle Bar 面馆");
        OperatorClient.HmacApp app = operator.createHmacApp(merchantId);
        operator.put(
                "/api/operator/apps/" + app.appId() + "/fee-rates",
                Map.of("rates", Map.of("ALIPAY_QR", 6000, "WECHAT_NATIVE", 3800)));
        logIn(browser, new ConsoleUsers(jdbc, passwords).create(Role.OWNER, merchantId));

        browser.inEachLanguage("/console/apps", language -> {
            browser.screens().take("apps");
            assertThat(text(browser, "apps")).contains(app.appId());
        });
        browser.inEachLanguage("/console/apps/" + app.appId(), language -> {
            browser.screens().take("app-as-owner");
            assertThat(browser.driver().findElements(By.id("alipay-form"))).isEmpty();
            assertThat(text(browser, "fee-rates")).contains("0.6 %");
        });
    }

    private void uploadAlipay(Browser browser) {
        KeyPair keys = OperatorClient.rsaKeyPair();
        JsonNode registered = sandbox(
                "/sandbox/alipay/apps",
                Map.of("app_public_key", base64(keys.getPublic().getEncoded())));
        type(browser, "channel_app_id", registered.get("app_id").asString());
        paste(browser, "app_private_key", pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        paste(browser, "alipay_public_key", registered.get("alipay_public_key").asString());
        type(browser, "gateway_url", registered.get("gateway_url").asString());
        browser.screens().take("alipay-filled");
        click(browser, By.id("alipay-submit"));
        browser.driver().switchTo().alert().accept();
    }

    private void uploadWechatPay(Browser browser) {
        KeyPair keys = OperatorClient.rsaKeyPair();
        String serial = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        String appid = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        JsonNode registered = sandbox(
                "/sandbox/wechatpay/merchants",
                Map.of(
                        "merchant_public_key",
                        base64(keys.getPublic().getEncoded()),
                        "merchant_serial_no",
                        serial,
                        "key_mode",
                        "PUBLIC_KEY",
                        "appids",
                        List.of(appid)));
        type(browser, "mchid", registered.get("mchid").asString());
        type(browser, "app_ids", appid);
        paste(
                browser,
                "merchant_private_key",
                pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        type(browser, "merchant_serial_no", serial);
        type(browser, "api_v3_key", registered.get("api_v3_key").asString());
        new Select(browser.driver().findElement(By.id("mode"))).selectByValue("PUBLIC_KEY");
        paste(
                browser,
                "wechatpay_public_key",
                registered.get("wechatpay_public_key").asString());
        type(
                browser,
                "wechatpay_public_key_id",
                registered.get("wechatpay_public_key_id").asString());
        type(browser, "base_url", registered.get("api_base_url").asString());
        click(browser, By.id("wechatpay-submit"));
        browser.driver().switchTo().alert().accept();
    }

    private static void logIn(Browser browser, String username) {
        browser.open("/console/login", ConsoleLanguage.ZH_CN);
        type(browser, "username", username);
        type(browser, "password", ConsoleUsers.PASSWORD);
        click(browser, By.id("login-submit"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
    }

    /** Scrolled into view first: a button below the window's fold is otherwise not clickable. */
    private static void click(Browser browser, By button) {
        WebElement element = browser.driver().findElement(button);
        ((JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static void type(Browser browser, String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** A PEM as pasted: at once, not key by key. */
    private static void paste(Browser browser, String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", field, text);
    }

    private static String text(Browser browser, String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static String path(Browser browser) {
        return URI.create(browser.driver().getCurrentUrl()).getPath();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    private JsonNode sandbox(String path, Object body) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
