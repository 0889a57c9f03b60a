package io.tongbao.sandbox.support;

import java.time.Instant;

/** What happened when one notification was sent once: visible through {@code GET /sandbox/notifications}. */
public record DeliveryAttempt(
        int attempt, Instant sentAt, int status, String responseBody, String error, boolean acknowledged) {}
