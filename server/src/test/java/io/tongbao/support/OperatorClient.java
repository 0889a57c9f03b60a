package io.tongbao.support;

import io.tongbao.sdk.TongbaoClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Drives the operator API over HTTP as a test operator: onboarding merchants and apps for the tests. */
public final class OperatorClient {

    public static final String USER = "test-operator";
    public static final String PASSWORD = "test-operator-password";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = JsonMapper.builder().build();
    private final String baseUrl;

    public OperatorClient(int port, JdbcClient jdbc, PasswordEncoder passwords) {
        this.baseUrl = "http://localhost:" + port;
        jdbc.sql("""
                        insert into console_user (username, password_hash, created_at, password_changed_at, kind, role)
                        values (:user, :hash, :now, :now, 'OPERATOR', 'ADMIN') on conflict do nothing""")
                .param("user", USER)
                .param("hash", passwords.encode(PASSWORD))
                .param("now", OffsetDateTime.now())
                .update();
    }

    public record Response(int status, JsonNode body, String raw, HttpHeaders headers) {}

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson =
                    response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode node = response.body().isEmpty() || !isJson ? null : json.readTree(response.body());
            return new Response(response.statusCode(), node, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String createMerchant(String name) {
        Response response = post("/api/operator/merchants", Map.of("name", name));
        expect(response, 201);
        return response.body().get("id").asString();
    }

    public record HmacApp(String merchantId, String appId, String secret) {}

    public record RsaApp(String merchantId, String appId, KeyPair merchantKeys, String platformPublicKeyPem) {
        public String merchantPrivateKeyBase64() {
            return Base64.getEncoder().encodeToString(merchantKeys.getPrivate().getEncoded());
        }
    }

    public HmacApp createHmacApp(String merchantId) {
        Response response = post(
                "/api/operator/merchants/" + merchantId + "/apps", Map.of("name", "shop", "sign_type", "HMAC_SHA256"));
        expect(response, 201);
        return new HmacApp(
                merchantId,
                response.body().get("app").get("id").asString(),
                response.body().get("hmac_secret").asString());
    }

    public RsaApp createRsaApp(String merchantId) {
        KeyPair keys = rsaKeyPair();
        Response response = post(
                "/api/operator/merchants/" + merchantId + "/apps",
                Map.of(
                        "name",
                        "rsa shop",
                        "sign_type",
                        "RSA2",
                        "merchant_public_key",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
        expect(response, 201);
        return new RsaApp(
                merchantId,
                response.body().get("app").get("id").asString(),
                keys,
                response.body().get("platform_public_key").asString());
    }

    public TongbaoClient sdk(HmacApp app) {
        return TongbaoClient.builder()
                .baseUrl(baseUrl)
                .appId(app.appId())
                .hmacSecret(app.secret())
                .maxRetries(0)
                .build();
    }

    public TongbaoClient sdk(RsaApp app) {
        return TongbaoClient.builder()
                .baseUrl(baseUrl)
                .appId(app.appId())
                .rsaKeys(app.merchantPrivateKeyBase64(), app.platformPublicKeyPem())
                .maxRetries(0)
                .build();
    }

    /** Gives the app an Alipay and a WeChat Pay account with freshly generated keys. */
    public void configureChannels(String appId) {
        expect(
                put(
                        "/api/operator/apps/" + appId + "/channels/alipay",
                        Map.of(
                                "channel_app_id",
                                "2021000000000009",
                                "app_private_key",
                                Base64.getEncoder()
                                        .encodeToString(
                                                rsaKeyPair().getPrivate().getEncoded()),
                                "alipay_public_key",
                                Base64.getEncoder()
                                        .encodeToString(rsaKeyPair().getPublic().getEncoded()))),
                200);
        expect(
                put(
                        "/api/operator/apps/" + appId + "/channels/wechatpay",
                        Map.of(
                                "mchid",
                                "1900000009",
                                "app_ids",
                                List.of("wx1234567890abcdef"),
                                "merchant_private_key",
                                Base64.getEncoder()
                                        .encodeToString(
                                                rsaKeyPair().getPrivate().getEncoded()),
                                "merchant_serial_no",
                                "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                                "api_v3_key",
                                "0123456789abcdefghijklmnopqrstuv",
                                "mode",
                                "PLATFORM_CERTIFICATE")),
                200);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expect(Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected HTTP " + status + ", got " + response.status() + ": " + response.raw());
        }
    }
}
