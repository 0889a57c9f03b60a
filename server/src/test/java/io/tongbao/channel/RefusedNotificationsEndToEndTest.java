package io.tongbao.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tongbao.support.OperatorClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the two notification endpoints answer to what is not a notification the channel sent for this app: garbage
 * encodings, NUL characters, too many fields, bodies that are not JSON or too deep, oversized bodies, another
 * merchant's notification, floods of forgeries. Each is refused with the channel's own failure answer and a 4xx
 * status, never a 500; each is counted; floods are sampled into {@code payment_exception} (one row per app, reason
 * and minute, with an occurrence count), and what reaches the log is escaped and clipped.
 * <p>
 * The app's channel accounts hold keys this test made, so that the test can sign as the channel would.
 */
@SandboxEndToEnd
@ExtendWith(OutputCaptureExtension.class)
class RefusedNotificationsEndToEndTest extends SandboxShopTest {

    private static final String MCHID = "1900000109";
    private static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092026120300000000000001";

    @Autowired
    MeterRegistry meters;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private String appId;
    private KeyPair channelKeys;
    private String apiV3Key;

    @BeforeEach
    void openAppWithKeysThisTestHolds() {
        appId = operator.createHmacApp(operator.createMerchant("refused notifications"))
                .appId();
        channelKeys = OperatorClient.rsaKeyPair();
        apiV3Key = randomKey();
        String publicKey =
                Base64.getEncoder().encodeToString(channelKeys.getPublic().getEncoded());
        assertThat(operator.put(
                                "/api/operator/apps/" + appId + "/channels/alipay",
                                Map.of(
                                        "channel_app_id",
                                        "2021000000000119",
                                        "app_private_key",
                                        Base64.getEncoder()
                                                .encodeToString(OperatorClient.rsaKeyPair()
                                                        .getPrivate()
                                                        .getEncoded()),
                                        "alipay_public_key",
                                        publicKey))
                        .status())
                .isEqualTo(200);
        Map<String, Object> wechat = new LinkedHashMap<>();
        wechat.put("mchid", MCHID);
        wechat.put("app_ids", List.of("wx1234567890abcdef"));
        wechat.put(
                "merchant_private_key",
                Base64.getEncoder()
                        .encodeToString(OperatorClient.rsaKeyPair().getPrivate().getEncoded()));
        wechat.put("merchant_serial_no", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
        wechat.put("api_v3_key", apiV3Key);
        wechat.put("mode", "PUBLIC_KEY");
        wechat.put("wechatpay_public_key", publicKey);
        wechat.put("wechatpay_public_key_id", PUBLIC_KEY_ID);
        assertThat(operator.put("/api/operator/apps/" + appId + "/channels/wechatpay", wechat)
                        .status())
                .isEqualTo(200);
    }

    // ---- Alipay

    @Test
    void garbageAlipayFormsAreRefusedWith400AndFail() {
        StringBuilder tooMany = new StringBuilder("notify_id=many");
        for (int i = 0; i < 1_001; i++) {
            tooMany.append("&f").append(i).append("=1");
        }
        for (String body : List.of(
                "notify_id=%ff",
                "notify_id=%zz",
                "notify_id=%",
                "notify_id=%e4%b8",
                "out_trade_no=a%00b&notify_id=n1&sign=AAAA",
                "out_trade_no=a&out_trade_no=b",
                tooMany.toString(),
                "")) {
            Answer answer = postAlipay(appId, body);
            assertThat(answer.status()).as(clip(body)).isEqualTo(400);
            assertThat(answer.body()).as(clip(body)).isEqualTo("fail");
        }
        assertThat(exceptionRows("MALFORMED"))
                .as("sampled: one row for this minute")
                .isBetween(1L, 2L);
    }

    @Test
    void anAlipayNotificationOverTheSizeLimitIs413() {
        Answer answer = postAlipay(appId, "notify_id=" + "x".repeat(1_500_000));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).isEqualTo("fail");
    }

    @Test
    void anAlipayNotificationForAnUnknownAppIs404AndCountedButNotRecorded() {
        double before = refused("alipay", "UNKNOWN_APP");

        Answer answer = postAlipay("app_does_not_exist", form(signedAlipay(Map.of("out_trade_no", "t1"))));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("fail");
        assertThat(refused("alipay", "UNKNOWN_APP")).isEqualTo(before + 1);
        assertThat(jdbc.sql("select count(*) from payment_exception where app_id = 'app_does_not_exist'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aValidlySignedAlipayNotificationForAnotherAlipayAppOrAnUnknownTradeIs400() {
        Map<String, String> otherApp = signedAlipay(Map.of("app_id", "2021000000000999", "out_trade_no", "t1"));
        Map<String, String> unknownTrade = signedAlipay(Map.of("out_trade_no", "no_such_trade"));

        assertThat(postAlipay(appId, form(otherApp))).isEqualTo(new Answer(400, "fail"));
        assertThat(postAlipay(appId, form(unknownTrade))).isEqualTo(new Answer(400, "fail"));
        assertThat(exceptionRows("ACCOUNT_MISMATCH")).isOne();
        assertThat(exceptionRows("UNKNOWN_TRADE")).isOne();
    }

    @Test
    void forgedAlipayNotificationsAreCountedAndSampledNotOneRowEach() throws Exception {
        int forgeries = 300;
        double before = refused("alipay", "INVALID_SIGNATURE");
        List<Future<Answer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < forgeries; i++) {
                Map<String, String> forged =
                        signedAlipay(Map.of("out_trade_no", "forged" + i, "notify_id", "forged" + i));
                forged.put("sign", Base64.getEncoder().encodeToString(new byte[256]));
                answers.add(pool.submit(() -> postAlipay(appId, form(forged))));
            }
        }
        for (Future<Answer> answer : answers) {
            assertThat(answer.get()).isEqualTo(new Answer(400, "fail"));
        }

        assertThat(refused("alipay", "INVALID_SIGNATURE")).isEqualTo(before + forgeries);
        assertThat(exceptionRows("INVALID_SIGNATURE"))
                .as("at most one row a minute")
                .isBetween(1L, 2L);
        assertThat(jdbc.sql(
                                "select sum(occurrences) from payment_exception where app_id = :app and kind = 'INVALID_SIGNATURE'")
                        .param("app", appId)
                        .query(Long.class)
                        .single())
                .isEqualTo(forgeries);
    }

    @Test
    void whatANotificationSaysReachesTheLogEscapedAndClipped(CapturedOutput output) {
        String forgedLine = "2026-12-03T10:00:00.000Z ERROR 1 --- [main] io.tongbao.Forged : forged by a notification";
        Map<String, String> forged = signedAlipay(
                Map.of("out_trade_no", "t1", "notify_id", "n1\u001b[31m\u0007\r\n" + forgedLine + "y".repeat(60_000)));
        forged.put("sign", Base64.getEncoder().encodeToString(new byte[256]));

        assertThat(postAlipay(appId, form(forged))).isEqualTo(new Answer(400, "fail"));

        assertThat(output.getOut())
                .as("the value was logged, escaped")
                .contains("n1\\u001b[31m\\u0007\\r\\n2026-12-03T10:00:00.000Z ERROR 1");
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith(forgedLine.substring(0, 30)));
        assertThat(output.getOut()).doesNotContain("\u001b[31m");
        assertThat(output.getOut().lines()).allMatch(line -> line.length() < 2_000, "no line longer than 2,000 chars");
        assertThat(jdbc.sql("select max(length(detail)) from payment_exception where app_id = :app")
                        .param("app", appId)
                        .query(Integer.class)
                        .single())
                .isLessThan(1_000);
    }

    // ---- WeChat Pay

    @Test
    void wechatNotificationsThatAreNotJsonOrTooDeepAreRefusedWith400AndFail() {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        String deepObject = "{\"event_type\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001);
        for (String body : List.of(
                "hello",
                "",
                "{",
                "[]",
                "\"TRANSACTION.SUCCESS\"",
                "{\"event_type\":{}}",
                deep,
                deepObject,
                "{\"event_type\":\"TRANSACTION.SUCCESS\",\"id\":\"a\u0000b\"}")) {
            Answer answer = postWechat(appId, body.getBytes(StandardCharsets.UTF_8), signedHeaders(body));
            assertThat(answer.status()).as(clip(body)).isEqualTo(400);
            assertThat(code(answer)).as(clip(body)).isEqualTo("FAIL");
        }
        byte[] invalidUtf8 = {'{', '"', (byte) 0xff, '"', ':', '1', '}'};
        Answer answer = postWechat(appId, invalidUtf8, signedHeaders("x"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(code(answer)).isEqualTo("FAIL");
    }

    @Test
    void aWechatNotificationOverTheSizeLimitIs413() {
        String body = "{\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"" + "x".repeat(1_500_000) + "\"}";

        Answer answer = postWechat(appId, body.getBytes(StandardCharsets.UTF_8), signedHeaders(body));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(code(answer)).isEqualTo("FAIL");
    }

    @Test
    void anotherMerchantsValidlySignedWechatNotificationIsRefusedWith400AndRecorded() throws Exception {
        String body = transactionNotification(randomKey(), "{\"mchid\":\"1900000999\",\"out_trade_no\":\"t1\"}");

        Answer answer = postWechat(appId, body.getBytes(StandardCharsets.UTF_8), signedHeaders(body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(code(answer)).isEqualTo("FAIL");
        assertThat(exceptionRows("UNDECRYPTABLE")).isOne();
    }

    @Test
    void aValidWechatNotificationWithNulInWhatItNamesIsRefusedWith400() throws Exception {
        String body = transactionNotification(
                apiV3Key,
                "{\"mchid\":\"" + MCHID + "\",\"out_trade_no\":\"t\\u00001\","
                        + "\"trade_state\":\"SUCCESS\",\"transaction_id\":\"42\",\"amount\":{\"total\":1}}");

        Answer answer = postWechat(appId, body.getBytes(StandardCharsets.UTF_8), signedHeaders(body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(code(answer)).isEqualTo("FAIL");
    }

    @Test
    void staleWechatNotificationsAreCountedAndSampledNotOneRowEach() {
        double before = refused("wechatpay", "STALE_TIMESTAMP");
        String body = "{\"event_type\":\"TRANSACTION.SUCCESS\"}";
        Map<String, String> stale = signedHeaders(body);
        stale.put(
                "Wechatpay-Timestamp",
                Long.toString(Instant.now().minusSeconds(3_600).getEpochSecond()));
        for (int i = 0; i < 50; i++) {
            Answer answer = postWechat(appId, body.getBytes(StandardCharsets.UTF_8), stale);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(code(answer)).isEqualTo("FAIL");
        }

        assertThat(refused("wechatpay", "STALE_TIMESTAMP")).isEqualTo(before + 50);
        assertThat(exceptionRows("STALE_TIMESTAMP")).isBetween(1L, 2L);
        assertThat(jdbc.sql(
                                "select sum(occurrences) from payment_exception where app_id = :app and kind = 'STALE_TIMESTAMP'")
                        .param("app", appId)
                        .query(Long.class)
                        .single())
                .isEqualTo(50);
    }

    // ---- helpers

    record Answer(int status, String body) {}

    private Answer postAlipay(String app, String body) {
        return post(HttpRequest.newBuilder(URI.create(operator.baseUrl() + "/channels/alipay/notify/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer postWechat(String app, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(operator.baseUrl() + "/channels/wechatpay/notify/" + app))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return post(request);
    }

    private Answer post(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An Alipay trade notification for this app signed with the key its account trusts, overridden by {@code with}. */
    private Map<String, String> signedAlipay(Map<String, String> with) {
        Map<String, String> fields = new TreeMap<>(Map.of(
                "notify_type",
                "trade_status_sync",
                "notify_id",
                "n" + System.nanoTime(),
                "app_id",
                "2021000000000119",
                "trade_no",
                "2026120322001",
                "trade_status",
                "TRADE_SUCCESS",
                "total_amount",
                "1.00",
                "gmt_payment",
                "2026-12-03 10:00:00",
                "charset",
                "utf-8"));
        fields.putAll(with);
        try {
            fields.put(
                    "sign",
                    AlipaySignature.rsa256Sign(
                            AlipaySignature.getSignCheckContentV1(fields),
                            Base64.getEncoder()
                                    .encodeToString(channelKeys.getPrivate().getEncoded()),
                            "UTF-8"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        fields.put("sign_type", "RSA2");
        return fields;
    }

    /** WeChat Pay's signature headers over this body, made with the key the app's account trusts. */
    private Map<String, String> signedHeaders(String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "nonce" + System.nanoTime();
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(channelKeys.getPrivate());
            signer.update((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Wechatpay-Serial", PUBLIC_KEY_ID);
            headers.put("Wechatpay-Timestamp", timestamp);
            headers.put("Wechatpay-Nonce", nonce);
            headers.put("Wechatpay-Signature", Base64.getEncoder().encodeToString(signer.sign()));
            headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
            return headers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TRANSACTION.SUCCESS notification whose resource is this plaintext encrypted with this APIv3 key. */
    private static String transactionNotification(String key, String plaintext) throws Exception {
        String nonce = "abcdefghijkl";
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        cipher.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
        String ciphertext =
                Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        return "{\"id\":\"n-" + System.nanoTime() + "\",\"create_time\":\"2026-12-03T10:00:00+08:00\","
                + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"ok\","
                + "\"resource\":{\"original_type\":\"transaction\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + ciphertext + "\",\"associated_data\":\"transaction\",\"nonce\":\"" + nonce + "\"}}";
    }

    private String code(Answer answer) {
        JsonNode node = json.readTree(answer.body());
        return node.path("code").asString("");
    }

    private long exceptionRows(String kind) {
        return jdbc.sql("select count(*) from payment_exception where app_id = :app and kind = :kind")
                .param("app", appId)
                .param("kind", kind)
                .query(Long.class)
                .single();
    }

    private double refused(String channel, String reason) {
        Counter counter = meters.find("tongbao.notifications.refused")
                .tag("channel", channel)
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomKey() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        return random.ints(32, 0, alphabet.length())
                .mapToObj(i -> String.valueOf(alphabet.charAt(i)))
                .collect(Collectors.joining());
    }

    private static String clip(String body) {
        return body.length() <= 60 ? body : body.substring(0, 60) + "…";
    }
}
