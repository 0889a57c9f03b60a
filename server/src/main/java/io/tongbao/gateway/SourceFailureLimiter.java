package io.tongbao.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests that failed authentication, counted per source address: once a source's budget is spent, its requests
 * are refused before the signature is checked, so that a flood of forgeries (a made-up app id, a wrong signature)
 * costs neither a database read nor a verification. Only failures spend the budget; a source whose requests verify
 * is never held back here (its apps have their own rate limit). In this process: with N nodes a source gets up to N
 * budgets, which still bounds a flood by the number of nodes.
 */
final class SourceFailureLimiter {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();
    private final Limits limits;

    SourceFailureLimiter(Limits limits) {
        this.limits = limits;
    }

    /**
     * {@code tongbao.api.failures-per-source}: {@code burst} failed requests at once, refilled at {@code perSecond}.
     */
    @ConfigurationProperties("tongbao.api.failures-per-source")
    record Limits(
            @DefaultValue("50") int burst,
            @DefaultValue("5") int perSecond) {}

    /** Empty when the source may try; otherwise how long until it may. */
    Optional<Duration> blocked(String source) {
        Bucket bucket = buckets.getIfPresent(source);
        if (bucket == null) {
            return Optional.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    void failed(String source) {
        buckets.get(
                        source,
                        address -> Bucket.builder()
                                .addLimit(limit -> limit.capacity(limits.burst())
                                        .refillGreedy(limits.perSecond(), Duration.ofSeconds(1)))
                                .build())
                .tryConsume(1);
    }
}
