package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.support.OperatorClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's own HTTP API, driven as a merchant's test script would: registering with the channels, injecting
 * faults, moving the sandbox clock, reading the notification log. (The buyer is {@link SandboxBuyer}.)
 */
final class Sandbox {

    /** How long a paid Alipay trade stays refundable in these tests' sandbox (90 days by default). */
    static final String REFUND_WINDOW = "PT10M";
    /** The sandbox's default: how long the "enter your password" barcode buyer takes. */
    static final Duration PASSWORD_DELAY = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String baseUrl;

    Sandbox(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Reply(int status, JsonNode body, String raw, HttpHeaders headers) {}

    /** What the sandbox gave an Alipay app at registration, and the app's own keys. */
    record AlipayApp(String appId, String sellerId, KeyPair appKeys, String alipayPublicKey, String gatewayUrl) {}

    /** What the sandbox gave a WeChat Pay merchant at registration, and the merchant's own keys. */
    record WechatMerchant(
            String mchid,
            String appid,
            KeyPair merchantKeys,
            String serialNo,
            String apiV3Key,
            String publicKeyId,
            String publicKey,
            String apiBaseUrl,
            String keyMode) {}

    String baseUrl() {
        return baseUrl;
    }

    AlipayApp registerAlipay() {
        KeyPair keys = OperatorClient.rsaKeyPair();
        JsonNode registered = ok(
                "POST",
                "/sandbox/alipay/apps",
                Map.of(
                        "app_public_key",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
        return new AlipayApp(
                registered.get("app_id").asString(),
                registered.get("seller_id").asString(),
                keys,
                registered.get("alipay_public_key").asString(),
                registered.get("gateway_url").asString());
    }

    WechatMerchant registerWechatPay() {
        return registerWechatPay("PUBLIC_KEY");
    }

    /** @param keyMode PUBLIC_KEY or CERTIFICATE: which key signs the notifications */
    WechatMerchant registerWechatPay(String keyMode) {
        KeyPair keys = OperatorClient.rsaKeyPair();
        String serial = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        String appid = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        JsonNode registered = ok(
                "POST",
                "/sandbox/wechatpay/merchants",
                Map.of(
                        "merchant_public_key",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                        "merchant_serial_no",
                        serial,
                        "key_mode",
                        keyMode,
                        "appids",
                        List.of(appid)));
        return new WechatMerchant(
                registered.get("mchid").asString(),
                appid,
                keys,
                serial,
                registered.get("api_v3_key").asString(),
                registered.get("wechatpay_public_key_id").asString(),
                registered.get("wechatpay_public_key").asString(),
                registered.get("api_base_url").asString(),
                keyMode);
    }

    /** Injects a fault for one channel account (Alipay app_id or WeChat mchid); options as the API names them. */
    String fault(String account, String kind, Map<String, Object> options) {
        Map<String, Object> body = new LinkedHashMap<>(options);
        body.put("account", account);
        body.put("kind", kind);
        return ok("POST", "/sandbox/faults", body).get("id").asString();
    }

    void removeFault(String id) {
        Reply reply = call("DELETE", "/sandbox/faults/" + id, null);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(204);
    }

    void clearFaults() {
        call("DELETE", "/sandbox/faults", null);
    }

    /** Moves the sandbox's business time: expiries, refund windows, delayed notifications and retries. */
    void advance(Duration by) {
        ok("POST", "/sandbox/clock/advance", Map.of("seconds", by.toSeconds()));
    }

    /** Every notification the sandbox made for this account and channel out_trade_no (Tongbao's attempt id). */
    List<JsonNode> notifications(String account, String outTradeNo) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("account", account);
        if (outTradeNo != null) {
            query.put("out_trade_no", outTradeNo);
        }
        StringBuilder path = new StringBuilder("/sandbox/notifications?");
        query.forEach((key, value) -> path.append(key).append('=').append(value).append('&'));
        List<JsonNode> found = new ArrayList<>();
        ok("GET", path.toString(), null).get("notifications").forEach(found::add);
        return found;
    }

    /** States of this trade's notifications, oldest first (PENDING, HELD, ACKNOWLEDGED, GAVE_UP, DROPPED). */
    List<String> notificationStates(String account, String outTradeNo) {
        return notifications(account, outTradeNo).stream()
                .map(n -> n.get("state").asString())
                .toList();
    }

    /** Summaries of this trade's notifications (e.g. TRADE_SUCCESS, REFUND.SUCCESS) in the order they were first sent. */
    List<String> summariesInSendingOrder(String account, String outTradeNo) {
        return notifications(account, outTradeNo).stream()
                .filter(n -> !n.get("attempts").isEmpty())
                .sorted(Comparator.comparing(
                        n -> instant(n.get("attempts").get(0).get("sent_at"))))
                .map(n -> n.get("summary").asString())
                .toList();
    }

    private static Instant instant(JsonNode value) {
        if (value.isNumber()) {
            BigDecimal seconds = value.decimalValue();
            return Instant.ofEpochSecond(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(value.asString());
    }

    /** Answers Tongbao gave to the tries of this trade's notifications, oldest first. */
    List<String> answers(String account, String outTradeNo) {
        List<String> answers = new ArrayList<>();
        for (JsonNode notification : notifications(account, outTradeNo)) {
            notification
                    .get("attempts")
                    .forEach(attempt -> answers.add(attempt.get("status").asInt() + " "
                            + attempt.path("response_body").asString("")));
        }
        return answers;
    }

    JsonNode ok(String method, String path, Object body) {
        Reply reply = call(method, path, body);
        assertThat(reply.status()).as(method + " " + path + " " + reply.raw()).isBetween(200, 299);
        return reply.body();
    }

    Reply call(String method, String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson =
                    response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode node = response.body().isEmpty() || !isJson ? null : json.readTree(response.body());
            return new Reply(response.statusCode(), node, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
