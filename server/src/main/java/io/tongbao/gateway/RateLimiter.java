package io.tongbao.gateway;

import java.time.Duration;
import java.util.Optional;

/**
 * The per-app rate limit: a token bucket of {@code tongbao.api.burst} tokens refilled at
 * {@code tongbao.api.requests-per-second}. In this process by default ({@link LocalRateLimiter}); shared by all
 * nodes through Redis when {@code tongbao.redis.url} is set ({@link RedisRateLimiter}).
 */
interface RateLimiter {

    /** Empty when the call may go ahead; otherwise how long until a token is back. */
    Optional<Duration> tryAcquire(String appId);
}
