package io.tongbao.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the Redis service of the machine; skipped, saying so, when there is none. */
class RedisRateLimiterTest {

    static final String REDIS = System.getenv().getOrDefault("TONGBAO_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    final ApiProperties limits = new ApiProperties(1, 3, 1024, Duration.ofMillis(20));

    @BeforeAll
    static void redisIsThere() {
        RedisClient client = RedisClient.create(REDIS);
        try (var connection = client.connect()) {
            connection.sync().ping();
        } catch (RuntimeException e) {
            String reason = "Redis at " + REDIS + " not reachable (" + e.getMessage()
                    + "): skipping the Redis-backed rate-limit tests";
            System.out.println("[tests] " + reason);
            Assumptions.abort(reason);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void twoNodesShareOneBucketPerApp() {
        String prefix = "tongbao-test:" + UUID.randomUUID() + ":";
        try (RedisRateLimiter nodeA = new RedisRateLimiter(REDIS, limits, prefix);
                RedisRateLimiter nodeB = new RedisRateLimiter(REDIS, limits, prefix)) {
            assertThat(nodeA.tryAcquire("app_1")).isEmpty();
            assertThat(nodeB.tryAcquire("app_1")).isEmpty();
            assertThat(nodeA.tryAcquire("app_1")).isEmpty();

            assertThat(nodeB.tryAcquire("app_1"))
                    .as("the burst of 3 is spent across both nodes")
                    .isPresent();
            assertThat(nodeA.tryAcquire("app_2"))
                    .as("another app has its own bucket")
                    .isEmpty();
        }
    }

    @Test
    void aRedisThatStopsAnsweringLetsCallsThroughInsteadOfFailingThem() {
        String prefix = "tongbao-test:" + UUID.randomUUID() + ":";
        RedisClient admin = RedisClient.create(REDIS);
        try (RedisRateLimiter limiter = new RedisRateLimiter(REDIS, limits, prefix);
                var control = admin.connect()) {
            assertThat(limiter.tryAcquire("app_1")).isEmpty();
            // Redis holds every client's commands for 1.5 s: longer than the limiter's 0.5 s timeout
            control.sync().clientPause(1_500);
            long started = System.nanoTime();
            assertThat(limiter.tryAcquire("app_1")).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_400));
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void anUnreachableRedisAtStartIsAClearError() {
        assertThatThrownBy(() -> new RedisRateLimiter("redis://127.0.0.1:1", limits, "x:"))
                .isInstanceOf(RedisConnectionException.class)
                .hasMessageContaining("127.0.0.1");
    }
}
