package io.tongbao.webhook;

import io.tongbao.merchant.WebhookSignatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** One HTTP POST of an event to a merchant: signed, bounded in time, redirects not followed. */
@Component
class WebhookSender {

    static final int EXCERPT = 256;

    private final HttpClient http;
    private final WebhookSignatures signatures;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookSender(WebhookSignatures signatures, WebhookProperties properties, Clock clock) {
        this.signatures = signatures;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    record Result(Integer status, long latencyMs, String excerpt, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    Result send(String appId, String eventId, String eventType, String url, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Tongbao-Webhooks/1")
                .header("Tongbao-Event-Id", eventId)
                .header("Tongbao-Event-Type", eventType)
                .header("Tongbao-Timestamp", Long.toString(timestamp))
                .header("Tongbao-Signature", signatures.signatureHeader(appId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), elapsed(started), excerpt(response.body()), null);
        } catch (IOException e) {
            return new Result(null, elapsed(started), null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, elapsed(started), null, "interrupted");
        }
    }

    private static long elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static String excerpt(String body) {
        return body == null ? null : body.length() <= EXCERPT ? body : body.substring(0, EXCERPT) + "…";
    }
}
