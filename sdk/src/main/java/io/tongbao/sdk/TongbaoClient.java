package io.tongbao.sdk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * A merchant's client for Tongbao's API. Thread-safe; build one per app and share it.
 *
 * <pre>{@code
 * TongbaoClient client = TongbaoClient.builder()
 *         .baseUrl("http://localhost:8080")
 *         .appId("app_...")
 *         .hmacSecret(System.getenv("TONGBAO_APP_SECRET"))
 *         .build();
 * AppInfo me = client.currentApp();
 * }</pre>
 */
public final class TongbaoClient {

    static final String APP_ID = "Tongbao-App-Id";
    static final String TIMESTAMP = "Tongbao-Timestamp";
    static final String NONCE = "Tongbao-Nonce";
    static final String SIGNATURE = "Tongbao-Signature";
    static final String REQUEST_ID = "Tongbao-Request-Id";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI baseUrl;
    private final String appId;
    private final Signer signer;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Clock clock;
    private final ObjectMapper json;

    private TongbaoClient(Builder builder) {
        this.baseUrl = URI.create(stripTrailingSlash(Objects.requireNonNull(builder.baseUrl, "baseUrl")));
        this.appId = Objects.requireNonNull(builder.appId, "appId");
        this.signer = Objects.requireNonNull(builder.signer, "hmacSecret or rsaKeys must be set");
        this.requestTimeout = builder.requestTimeout;
        this.maxRetries = builder.maxRetries;
        this.clock = builder.clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Payments: unified order, query, close, refunds. */
    public PaymentApi payments() {
        return new PaymentApi(this);
    }

    /** The app this client is configured for. */
    public AppInfo currentApp() {
        return get("/api/v1/app", Map.of(), AppInfo.class);
    }

    /** Another app of the same merchant; {@link TongbaoException.NotFound} for anything else. */
    public AppInfo app(String otherAppId) {
        return get("/api/v1/apps/" + CanonicalRequest.encode(otherAppId), Map.of(), AppInfo.class);
    }

    /** PEM of the platform public key that signs responses and webhooks of an RSA2 app. */
    public PlatformKey platformKey() {
        return get("/api/v1/app/platform-key", Map.of(), PlatformKey.class);
    }

    public LedgerApi ledger() {
        return new LedgerApi(this);
    }

    /** A signed GET of any API path; query values are encoded here. */
    public <T> T get(String path, Map<String, String> query, Class<T> responseType) {
        return send("GET", path, query, null, null, responseType);
    }

    /** A signed POST with a fresh idempotency key, reused on the client's own retries. */
    public <T> T post(String path, Object body, Class<T> responseType) {
        return post(path, body, UUID.randomUUID().toString(), responseType);
    }

    /** A signed PUT of any API path (settings, which a PUT replaces whole). */
    public <T> T put(String path, Object body, Class<T> responseType) {
        return send("PUT", path, Map.of(), body, null, responseType);
    }

    /** A signed POST with the caller's idempotency key: repeat it after a crash to get the first result back. */
    public <T> T post(String path, Object body, String idempotencyKey, Class<T> responseType) {
        return send("POST", path, Map.of(), body, idempotencyKey, responseType);
    }

    private <T> T send(
            String method,
            String path,
            Map<String, String> query,
            Object body,
            String idempotencyKey,
            Class<T> responseType) {
        byte[] payload = body == null ? new byte[0] : writeJson(body);
        String rawQuery = rawQuery(query);
        TongbaoException last = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                backOff(attempt);
            }
            try {
                return once(method, path, rawQuery, payload, idempotencyKey, responseType);
            } catch (TongbaoException.Transport | TongbaoException.ServerError | TongbaoException.RateLimited e) {
                last = e;
                if (!"GET".equals(method) && idempotencyKey == null) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private <T> T once(
            String method, String path, String rawQuery, byte[] payload, String idempotencyKey, Class<T> responseType) {
        long timestamp = clock.instant().getEpochSecond();
        String nonce = newNonce();
        String signature =
                signer.sign(CanonicalRequest.requestString(method, path, rawQuery, appId, timestamp, nonce, payload));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        baseUrl.resolve(path + (rawQuery.isEmpty() ? "" : "?" + rawQuery)))
                .timeout(requestTimeout)
                .header(APP_ID, appId)
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(NONCE, nonce)
                .header(SIGNATURE, signature)
                .header("Accept", "application/json")
                .header("User-Agent", "tongbao-java-sdk");
        if (idempotencyKey != null) {
            request.header(IDEMPOTENCY_KEY, idempotencyKey);
        }
        if ("GET".equals(method)) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TongbaoException.Transport("no response from " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TongbaoException.Transport("interrupted while waiting for " + baseUrl, e);
        }
        return read(response, nonce, responseType);
    }

    private <T> T read(HttpResponse<byte[]> response, String requestNonce, Class<T> responseType) {
        int status = response.statusCode();
        String requestId = response.headers().firstValue(REQUEST_ID).orElse(null);
        boolean success = status >= 200 && status < 300;
        var signature = response.headers().firstValue(SIGNATURE);
        if (signature.isPresent() || success) {
            verify(response, requestNonce, signature.orElse(null), requestId);
        }
        if (!success) {
            throw error(status, response.body(), requestId);
        }
        if (responseType == Void.class || response.body().length == 0) {
            return null;
        }
        try {
            return json.readValue(response.body(), responseType);
        } catch (IOException e) {
            throw new TongbaoException(
                    status,
                    "UNREADABLE_RESPONSE",
                    "cannot read the response as " + responseType.getSimpleName() + ": " + e.getMessage(),
                    requestId,
                    e);
        }
    }

    private void verify(HttpResponse<byte[]> response, String requestNonce, String signature, String requestId) {
        String timestamp = response.headers().firstValue(TIMESTAMP).orElse(null);
        String nonce = response.headers().firstValue(NONCE).orElse(null);
        if (signature == null || timestamp == null || nonce == null) {
            throw new TongbaoException.InvalidResponseSignature(response.statusCode(), requestId);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new TongbaoException.InvalidResponseSignature(response.statusCode(), requestId);
        }
        String canonical =
                CanonicalRequest.responseString(response.statusCode(), requestNonce, seconds, nonce, response.body());
        if (!signer.verifyResponse(canonical, signature)) {
            throw new TongbaoException.InvalidResponseSignature(response.statusCode(), requestId);
        }
    }

    private TongbaoException error(int status, byte[] body, String requestId) {
        String code = "HTTP_" + status;
        String message = "HTTP " + status;
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("code")) {
                code = node.get("code").asText();
                message = node.path("message").asText(message);
                requestId =
                        node.hasNonNull("request_id") ? node.get("request_id").asText() : requestId;
            }
        } catch (IOException ignored) {
            // not JSON (a proxy's error page): keep the status as the code
        }
        return TongbaoException.of(status, code, message, requestId);
    }

    private byte[] writeJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON: " + e.getMessage(), e);
        }
    }

    private static String rawQuery(Map<String, String> query) {
        StringJoiner joiner = new StringJoiner("&");
        new LinkedHashMap<>(query)
                .forEach((name, value) ->
                        joiner.add(CanonicalRequest.encode(name) + "=" + CanonicalRequest.encode(value)));
        return joiner.toString();
    }

    private static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(200L << Math.min(attempt, 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TongbaoException.Transport("interrupted while backing off", e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static final class Builder {
        private String baseUrl;
        private String appId;
        private Signer signer;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxRetries = 2;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /** For apps that chose HMAC-SHA256. */
        public Builder hmacSecret(String secret) {
            this.signer = new HmacSigner(secret);
            return this;
        }

        /** For apps that chose RSA2: the merchant's PKCS#8 private key and the app's platform public key (PEM). */
        public Builder rsaKeys(String merchantPrivateKeyPem, String platformPublicKeyPem) {
            this.signer =
                    new RsaSigner(Pem.rsaPrivateKey(merchantPrivateKeyPem), Pem.rsaPublicKey(platformPublicKeyPem));
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Retries after no response, 5xx or 429, with the same idempotency key; 0 turns them off. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** The clock that stamps requests; tests give a fixed one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public TongbaoClient build() {
            return new TongbaoClient(this);
        }
    }
}
