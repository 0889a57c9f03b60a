package io.tongbao.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Holds back password guessing before any password is hashed. Failed logins spend a per-username and a
 * per-source-address bucket (in this process: cheap, checked first); {@code maxFailures} failures in a row lock the
 * username for {@code lockout} (in PostgreSQL: every node sees the lock). Buckets and lock both read the injected
 * clock.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OperatorLoginProperties properties;
    private final TimeMeter time;
    private final Cache<String, Bucket> perUser;
    private final Cache<String, Bucket> perSource;

    LoginThrottle(JdbcClient jdbc, Clock clock, OperatorLoginProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.time = new ClockTime(clock);
        // an idle bucket is full again after one refill period: dropping it then loses nothing
        this.perUser = Caffeine.newBuilder()
                .expireAfterAccess(properties.failureRefill())
                .maximumSize(100_000)
                .build();
        this.perSource = Caffeine.newBuilder()
                .expireAfterAccess(properties.failureRefill())
                .maximumSize(100_000)
                .build();
    }

    /** @throws LoginRefused when the name or the source has no failed logins left to spend */
    void checkBudget(String username, String source) {
        Duration userWait = wait(perUser.getIfPresent(username));
        Duration sourceWait = wait(perSource.getIfPresent(source));
        Duration wait = userWait.compareTo(sourceWait) >= 0 ? userWait : sourceWait;
        if (!wait.isZero()) {
            throw LoginRefused.throttled(wait);
        }
    }

    /** @throws LoginRefused when the name is locked */
    void checkNotLocked(String username) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<OffsetDateTime> lockedUntil = jdbc.sql("""
                        select locked_until from operator_login_failure where username = :username and locked_until > :now""")
                .param("username", username)
                .param("now", now)
                .query(OffsetDateTime.class)
                .optional();
        if (lockedUntil.isPresent()) {
            throw LoginRefused.locked(Duration.between(now, lockedUntil.get()));
        }
    }

    /** Counts a failed login; true when it locked the name. */
    boolean failed(String username, String source) {
        bucket(perUser, username, properties.failuresPerUser()).tryConsume(1);
        bucket(perSource, source, properties.failuresPerSource()).tryConsume(1);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // a lock that has passed starts the count again; reaching the maximum (re)locks
        return jdbc.sql("""
                        insert into operator_login_failure as f (username, failures, last_failure_at, locked_until)
                        values (:username, 1, :now, case when 1 >= :max then cast(:until as timestamptz) end)
                        on conflict (username) do update set
                            failures = case when f.locked_until <= :now then 1 else f.failures + 1 end,
                            last_failure_at = :now,
                            locked_until = case
                                when (case when f.locked_until <= :now then 1 else f.failures + 1 end) >= :max then :until
                                when f.locked_until <= :now then null
                                else f.locked_until end
                        returning locked_until""")
                .param("username", username)
                .param("now", now)
                .param("max", properties.maxFailures())
                .param("until", now.plus(properties.lockout()))
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class) != null)
                .single();
    }

    /** A successful login ends the run of failures. */
    void succeeded(String username) {
        jdbc.sql("delete from operator_login_failure where username = :username")
                .param("username", username)
                .update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldFailures() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                        delete from operator_login_failure
                        where last_failure_at < :before and (locked_until is null or locked_until < :now)""").param("before", now.minusDays(1)).param("now", now).update();
    }

    private Duration wait(@Nullable Bucket bucket) {
        if (bucket == null) {
            return Duration.ZERO;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private Bucket bucket(Cache<String, Bucket> buckets, String key, int capacity) {
        return buckets.get(
                key,
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, properties.failureRefill()))
                        .withCustomTimePrecision(time)
                        .build());
    }

    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
