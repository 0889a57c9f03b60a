package io.tongbao.webhook.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One webhook event as a stream publishes it: {@code payload} is the webhook body, byte for byte; {@code key} is
 * {@code <merchant id>:<payment id or payer account>}, what keeps one order's events in one partition.
 */
public record StreamEvent(
        long seq, String id, String type, String merchantId, String key, String payload, Instant createdAt) {

    public byte[] body() {
        return payload.getBytes(StandardCharsets.UTF_8);
    }
}
