package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.PaymentApi.PaymentRequest;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A merchant's whole path, as it would take it: register with the channel (the sandbox, mounted in the same
 * process), give the credentials to the operator, take a payment through the SDK, let the buyer pay in the
 * sandbox, and see it PAID by the channel's notification; then refund. Everything over HTTP, the channels spoken to
 * by the official SDKs.
 */
@TongbaoTest
@TestPropertySource(properties = {"tongbao.sandbox.enabled=true", "tongbao.payments.janitor.enabled=true"})
class SandboxEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    OperatorClient operator;
    OperatorClient.HmacApp app;
    PaymentApi payments;

    @BeforeEach
    void onboard() {
        operator = new OperatorClient(port, jdbc, passwords);
        app = operator.createHmacApp(operator.createMerchant("sandbox merchant"));
        TongbaoClient client = operator.sdk(app);
        payments = client.payments();
    }

    @Test
    void anAlipayQrPaymentIsPaidByTheNotificationAndRefunded() throws Exception {
        registerAlipay();
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 1999, "通宝 会员", "ALIPAY_QR"));
        assertThat(payment.action().type()).isEqualTo("QR_CODE");

        JsonNode trade = sandbox("POST", "/sandbox/alipay/buyer/scan", Map.of("qr_code", payment.action().data().get("content")));
        sandbox("POST", "/sandbox/alipay/buyer/pay", Map.of("trade_no", trade.get("trade_no").asString()));

        // the janitor's first query is a minute away: PAID within seconds is the notification's doing
        await().atMost(Duration.ofSeconds(20)).until(() -> payments.get(payment.id()).status().equals("PAID"));

        PaymentApi.Refund refund = payments.refund(payment.id(), new PaymentApi.RefundRequest("R" + no(), 999, "size"));
        makeRefundsDue();
        await().atMost(Duration.ofSeconds(20)).until(() -> payments.refunds(payment.id()).stream()
                .anyMatch(r -> r.id().equals(refund.id()) && r.status().equals("SUCCEEDED")));
        assertThat(payments.get(payment.id()).amountRefunded()).isEqualTo(999);
    }

    @Test
    void anAlipayPcPaymentAnswersWithTheCashierFormAndCanBeClosed() throws Exception {
        String gateway = registerAlipay();
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 500, "pc", "ALIPAY_PC"));

        assertThat(payment.action().type()).isEqualTo("REDIRECT_FORM");
        assertThat((String) payment.action().data().get("html")).contains(gateway).contains("<form");
        assertThat(payments.close(payment.id()).status()).isEqualTo("CLOSED");
    }

    @Test
    void aWechatNativePaymentIsPaidByTheEncryptedNotificationAndRefunded() throws Exception {
        registerWechatPay();
        PaymentApi.Payment payment = payments.create(PaymentRequest.of(no(), 880, "native", "WECHAT_NATIVE"));
        assertThat(payment.action().type()).isEqualTo("QR_CODE");

        sandbox("POST", "/sandbox/wechatpay/buyer/pay", Map.of("code_url", payment.action().data().get("content")));

        await().atMost(Duration.ofSeconds(20)).until(() -> payments.get(payment.id()).status().equals("PAID"));
        payments.refund(payment.id(), new PaymentApi.RefundRequest("R" + no(), 880, "all"));
        await().atMost(Duration.ofSeconds(20)).until(() -> payments.refunds(payment.id()).stream()
                .allMatch(r -> r.status().equals("SUCCEEDED")));
    }

    private String registerAlipay() throws Exception {
        KeyPair keys = OperatorClient.rsaKeyPair();
        JsonNode registered = sandbox("POST", "/sandbox/alipay/apps",
                Map.of("app_public_key", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
        String gateway = registered.get("gateway_url").asString();
        OperatorClient.Response saved = operator.put("/api/operator/apps/" + app.appId() + "/channels/alipay", Map.of(
                "channel_app_id", registered.get("app_id").asString(),
                "app_private_key", Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
                "alipay_public_key", registered.get("alipay_public_key").asString(),
                "gateway_url", gateway));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        return gateway;
    }

    private void registerWechatPay() throws Exception {
        KeyPair keys = OperatorClient.rsaKeyPair();
        String serial = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        String appid = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        JsonNode registered = sandbox("POST", "/sandbox/wechatpay/merchants", Map.of(
                "merchant_public_key", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                "merchant_serial_no", serial, "key_mode", "PUBLIC_KEY", "appids", List.of(appid)));
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("mchid", registered.get("mchid").asString());
        account.put("app_ids", List.of(appid));
        account.put("merchant_private_key", Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        account.put("merchant_serial_no", serial);
        account.put("api_v3_key", registered.get("api_v3_key").asString());
        account.put("mode", "PUBLIC_KEY");
        account.put("wechatpay_public_key", registered.get("wechatpay_public_key").asString());
        account.put("wechatpay_public_key_id", registered.get("wechatpay_public_key_id").asString());
        account.put("base_url", registered.get("api_base_url").asString());
        OperatorClient.Response saved = operator.put("/api/operator/apps/" + app.appId() + "/channels/wechatpay", account);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
    }

    private JsonNode sandbox(String method, String path, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(operator.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    private void makeRefundsDue() {
        jdbc.sql("update refund set next_query_at = now() where app_id = :app and status = 'PENDING' and submitted_at is not null")
                .param("app", app.appId()).update();
    }

    private static String no() {
        return "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
