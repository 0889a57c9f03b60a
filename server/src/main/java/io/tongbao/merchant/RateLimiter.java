package io.tongbao.merchant;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per-app rate limit, a token bucket per app in this process. With several nodes each node allows the limit,
 * so the cluster-wide limit is the per-node limit times the node count (docs/api.md).
 */
@Component
class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ApiProperties properties;

    RateLimiter(ApiProperties properties) {
        this.properties = properties;
    }

    /** Empty when the call may go ahead; otherwise how long to wait. */
    java.util.Optional<Duration> tryAcquire(String appId) {
        ConsumptionProbe probe = buckets.computeIfAbsent(appId, id -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? java.util.Optional.empty()
                : java.util.Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.burst())
                        .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
