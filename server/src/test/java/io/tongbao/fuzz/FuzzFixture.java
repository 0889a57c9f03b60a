package io.tongbao.fuzz;

import io.tongbao.sdk.PaymentApi.PaymentRequest;
import io.tongbao.support.LedgerMerchant;
import io.tongbao.support.OperatorClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the fuzz cases act on: one merchant app (HMAC) with a point type, two ledger accounts, an Alipay and a WeChat
 * Pay account registered at the in-process sandbox, and one pending payment on each channel. The seeds name these
 * through placeholders ({@link #placeholders()}). No buyer ever pays, so a payment that becomes PAID during a run was
 * paid by a notification the fuzzer made: a forgery accepted.
 */
final class FuzzFixture {

    final String appId;
    final String hmacSecret;
    final String alipayPayment;
    final String wechatPayment;
    private final Map<String, String> ids;
    private final JdbcClient jdbc;

    private FuzzFixture(
            String appId,
            String hmacSecret,
            String alipayPayment,
            String wechatPayment,
            Map<String, String> ids,
            JdbcClient jdbc) {
        this.appId = appId;
        this.hmacSecret = hmacSecret;
        this.alipayPayment = alipayPayment;
        this.wechatPayment = wechatPayment;
        this.ids = ids;
        this.jdbc = jdbc;
    }

    static FuzzFixture onboard(OperatorClient operator, JdbcClient jdbc) {
        LedgerMerchant merchant = LedgerMerchant.onboard(operator, null);
        String appId = merchant.app().appId();
        JsonMapper json = JsonMapper.builder().build();
        String base = operator.baseUrl();

        KeyPair alipayAppKeys = OperatorClient.rsaKeyPair();
        JsonNode alipay = sandbox(
                json,
                base,
                "/sandbox/alipay/apps",
                Map.of("app_public_key", base64(alipayAppKeys.getPublic().getEncoded())));
        expect(operator.put(
                "/api/operator/apps/" + appId + "/channels/alipay",
                Map.of(
                        "channel_app_id", alipay.get("app_id").asString(),
                        "app_private_key", base64(alipayAppKeys.getPrivate().getEncoded()),
                        "alipay_public_key", alipay.get("alipay_public_key").asString(),
                        "gateway_url", alipay.get("gateway_url").asString())));

        KeyPair wechatKeys = OperatorClient.rsaKeyPair();
        String serial = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        String wechatAppId =
                "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        JsonNode wechat = sandbox(
                json,
                base,
                "/sandbox/wechatpay/merchants",
                Map.of(
                        "merchant_public_key",
                        base64(wechatKeys.getPublic().getEncoded()),
                        "merchant_serial_no",
                        serial,
                        "key_mode",
                        "PUBLIC_KEY",
                        "appids",
                        List.of(wechatAppId)));
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("mchid", wechat.get("mchid").asString());
        account.put("app_ids", List.of(wechatAppId));
        account.put("merchant_private_key", base64(wechatKeys.getPrivate().getEncoded()));
        account.put("merchant_serial_no", serial);
        account.put("api_v3_key", wechat.get("api_v3_key").asString());
        account.put("mode", "PUBLIC_KEY");
        account.put("wechatpay_public_key", wechat.get("wechatpay_public_key").asString());
        account.put(
                "wechatpay_public_key_id", wechat.get("wechatpay_public_key_id").asString());
        account.put("base_url", wechat.get("api_base_url").asString());
        expect(operator.put("/api/operator/apps/" + appId + "/channels/wechatpay", account));

        String alipayPayment = merchant.client()
                .payments()
                .create(PaymentRequest.of(
                        "FZA" + UUID.randomUUID().toString().substring(0, 8), 1999, "fuzz", "ALIPAY_QR"))
                .id();
        String wechatPayment = merchant.client()
                .payments()
                .create(PaymentRequest.of(
                        "FZW" + UUID.randomUUID().toString().substring(0, 8), 1999, "fuzz", "WECHAT_NATIVE"))
                .id();

        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("app", appId);
        ids.put("merchant", merchant.app().merchantId());
        ids.put("payment", alipayPayment);
        ids.put("payment_wechat", wechatPayment);
        ids.put("otn_alipay", attempt(jdbc, alipayPayment));
        ids.put("otn_wechat", attempt(jdbc, wechatPayment));
        ids.put("alipay_app", alipay.get("app_id").asString());
        ids.put("seller", alipay.get("seller_id").asString());
        ids.put("mchid", wechat.get("mchid").asString());
        ids.put("wechat_appid", wechatAppId);
        ids.put("wechatpay_serial", wechat.get("wechatpay_public_key_id").asString());
        ids.put("account", merchant.alice());
        ids.put("account2", merchant.bob());
        ids.put("central_bank", merchant.gold().centralBank());
        return new FuzzFixture(appId, merchant.app().secret(), alipayPayment, wechatPayment, ids, jdbc);
    }

    /** The fixture's ids by placeholder name, and {@code now}: the current Unix time, for fresh timestamps. */
    Map<String, String> placeholders() {
        Map<String, String> all = new LinkedHashMap<>(ids);
        all.put("now", Long.toString(Instant.now().getEpochSecond()));
        return all;
    }

    /** Payments that are PAID: none may be, as no buyer pays in a fuzz run. */
    long paidPayments() {
        return jdbc.sql("select count(*) from payment_order where status = 'PAID'")
                        .query(Long.class)
                        .single()
                + jdbc.sql("select count(*) from payment_attempt where status = 'SUCCEEDED'")
                        .query(Long.class)
                        .single();
    }

    private static String attempt(JdbcClient jdbc, String paymentId) {
        return jdbc.sql("select id from payment_attempt where payment_id = :payment")
                .param("payment", paymentId)
                .query(String.class)
                .single();
    }

    private static JsonNode sandbox(JsonMapper json, String base, String path, Object body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + path))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(OperatorClient.Response saved) {
        if (saved.status() != 200) {
            throw new AssertionError("channel account not saved: " + saved.raw());
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
