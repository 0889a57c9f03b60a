package io.tongbao.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * A bucket per app in this process: with N nodes an app may get N times the limit (docs/api.md). Buckets are kept
 * for app ids as claimed, before the signature is checked, so they are dropped when unused (a full bucket and a
 * dropped one are the same) and their number is bounded: made-up app ids must not fill the heap.
 */
final class LocalRateLimiter implements RateLimiter {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(1))
            .maximumSize(100_000)
            .build();
    private final ApiProperties properties;

    LocalRateLimiter(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<Duration> tryAcquire(String appId) {
        ConsumptionProbe probe = buckets.get(
                        appId,
                        id -> Bucket.builder()
                                .addLimit(limit -> limit.capacity(properties.burst())
                                        .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1)))
                                .build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
