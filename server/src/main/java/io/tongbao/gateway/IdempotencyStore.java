package io.tongbao.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys. The first request with a key claims it (one row, inserted or not: the database decides
 * between concurrent requests); its response is kept 24 h and replayed for the same key and body.
 * A claim whose holder died is taken over after {@link #LEASE}, so a crash never blocks a key for a day.
 */
@Component
class IdempotencyStore {

    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    sealed interface Claim permits Proceed, Replay, InProgress, Mismatch {}

    record Proceed() implements Claim {}

    record Replay(int status, String contentType, byte[] body) implements Claim {}

    record InProgress() implements Claim {}

    record Mismatch() implements Claim {}

    Claim claim(String appId, String key, String requestHash) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // one statement, one commit: a new key is inserted, an expired one is taken as if new
        int inserted = jdbc.sql("""
                        insert into api_idempotency (app_id, idempotency_key, request_hash, state, locked_until,
                                                     created_at, expires_at)
                        values (:app, :key, :hash, 'IN_PROGRESS', :lease, :now, :expires)
                        on conflict (app_id, idempotency_key) do update
                            set request_hash = excluded.request_hash, state = excluded.state,
                                locked_until = excluded.locked_until, response_status = null, response_type = null,
                                response_body = null, created_at = excluded.created_at, expires_at = excluded.expires_at
                            where api_idempotency.expires_at < excluded.created_at""")
                .param("app", appId)
                .param("key", key)
                .param("hash", requestHash)
                .param("lease", now.plus(LEASE))
                .param("now", now)
                .param("expires", now.plus(RETENTION))
                .update();
        if (inserted == 1) {
            return new Proceed();
        }
        Optional<Row> existing = jdbc.sql("""
                        select request_hash, state, response_status, response_type, response_body, locked_until
                        from api_idempotency where app_id = :app and idempotency_key = :key""")
                .param("app", appId)
                .param("key", key)
                .query((rs, row) -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getBytes(5),
                        rs.getObject(6, OffsetDateTime.class)))
                .optional();
        if (existing.isEmpty()) {
            // released by a failed first attempt between our insert and select: claim again
            return claim(appId, key, requestHash);
        }
        Row row = existing.get();
        if (!row.requestHash().equals(requestHash)) {
            return new Mismatch();
        }
        if ("DONE".equals(row.state())) {
            return new Replay(row.status(), row.contentType(), row.body());
        }
        if (row.lockedUntil().isBefore(now) && takeOver(appId, key, now)) {
            return new Proceed();
        }
        return new InProgress();
    }

    void complete(String appId, String key, int status, String contentType, byte[] body) {
        jdbc.sql("""
                        update api_idempotency set state = 'DONE', response_status = :status, response_type = :type,
                               response_body = :body
                        where app_id = :app and idempotency_key = :key and state = 'IN_PROGRESS'""")
                .param("status", status)
                .param("type", contentType)
                .param("body", body)
                .param("app", appId)
                .param("key", key)
                .update();
    }

    /** After a server error nothing was done, so the key is freed for an honest retry. */
    void release(String appId, String key) {
        jdbc.sql("delete from api_idempotency where app_id = :app and idempotency_key = :key and state = 'IN_PROGRESS'")
                .param("app", appId)
                .param("key", key)
                .update();
    }

    private boolean takeOver(String appId, String key, OffsetDateTime now) {
        return jdbc.sql("""
                        update api_idempotency set locked_until = :lease
                        where app_id = :app and idempotency_key = :key and state = 'IN_PROGRESS' and locked_until < :now""")
                        .param("lease", now.plus(LEASE))
                        .param("app", appId)
                        .param("key", key)
                        .param("now", now)
                        .update()
                == 1;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void forgetExpired() {
        jdbc.sql("delete from api_idempotency where expires_at < :now")
                .param("now", OffsetDateTime.now(clock))
                .update();
    }

    private record Row(
            String requestHash,
            String state,
            int status,
            String contentType,
            byte[] body,
            OffsetDateTime lockedUntil) {}
}
