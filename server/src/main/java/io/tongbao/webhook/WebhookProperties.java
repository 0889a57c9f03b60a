package io.tongbao.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code retrySchedule}: the waits before each retry (seed 001's Alipay-style day); after the last the delivery is
 * DEAD. {@code allowPrivateTargets}: whether notify URLs may point at loopback and private networks (true for the
 * demo and tests, false in production unless a merchant really lives there). {@code maxConcurrentPerEndpoint}: a
 * slow merchant never holds up the others.
 */
@ConfigurationProperties("tongbao.webhooks")
public record WebhookProperties(
        @DefaultValue({"5s", "2m", "10m", "15m", "1h", "2h", "6h", "15h"})
        List<Duration> retrySchedule,

        @DefaultValue("10s") Duration timeout,
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("8") int maxConcurrentPerEndpoint,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("true") boolean dispatcherEnabled) {}
