package io.tongbao.merchant;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A bucket per app in this process: with N nodes an app may get N times the limit (docs/api.md). */
final class LocalRateLimiter implements RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ApiProperties properties;

    LocalRateLimiter(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<Duration> tryAcquire(String appId) {
        ConsumptionProbe probe = buckets.computeIfAbsent(appId, id -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(properties.burst())
                                .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1)))
                        .build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
