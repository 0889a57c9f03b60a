package io.tongbao.webhook.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes one stream's outbox in order. Each run: lock the stream's relay (a transaction-scoped advisory lock, so
 * one node at a time and in seq order), read the oldest events, publish them, wait for the broker's confirmation,
 * delete them, commit. If the broker is unreachable or does not confirm, nothing is deleted: the events wait, and
 * the relay tries again after 1 s, 2 s, 4 s … up to {@code max-backoff}. If the commit fails after the broker
 * confirmed, the same events are published again: at least once, receivers dedupe by event id.
 */
final class StreamRelay {

    private static final Logger log = LoggerFactory.getLogger(StreamRelay.class);

    private final EventStream stream;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StreamProperties properties;
    private final Clock clock;
    private final long lock;
    private volatile int failures;
    private Instant retryAt = Instant.MIN;

    StreamRelay(
            EventStream stream,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            StreamProperties properties,
            Clock clock) {
        this.stream = stream;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.lock = 0x5354_0000_0000_0000L | (("tongbao.streams." + stream.name()).hashCode() & 0xffff_ffffL);
    }

    /** One run: everything waiting, batch by batch, unless the broker is in its back-off. */
    synchronized void run() {
        Instant now = clock.instant();
        if (now.isBefore(retryAt)) {
            return;
        }
        try {
            int published;
            do {
                published = publishBatch();
            } while (published == properties.batch());
            if (failures > 0) {
                log.info(
                        "{} reachable again after {} failed tries; the events that waited are published",
                        stream.describe(),
                        failures);
            }
            failures = 0;
        } catch (RuntimeException e) {
            stream.reset();
            failures++;
            Duration wait = backoff(failures);
            retryAt = clock.instant().plus(wait);
            if (failures == 1 || failures % 20 == 0) {
                log.warn(
                        "{} unavailable ({} tries so far: {}); events wait in the outbox, next try in {}",
                        stream.describe(),
                        failures,
                        reason(e),
                        wait);
            }
        }
    }

    int failures() {
        return failures;
    }

    private Duration backoff(int failures) {
        Duration wait = Duration.ofSeconds(1L << Math.min(failures - 1, 10));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private int publishBatch() {
        Integer published = transactions.execute(status -> {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                    .param("lock", lock)
                    .query(Boolean.class)
                    .single()) {
                return 0;
            }
            List<StreamEvent> events = jdbc.sql("""
                            select o.seq, e.id, e.type, e.merchant_id, coalesce(e.stream_key, e.object_id) as stream_key,
                                   e.payload, e.created_at
                            from webhook_stream_outbox o join webhook_event e on e.id = o.event_id
                            where o.stream = :stream order by o.seq limit :limit""")
                    .param("stream", stream.name())
                    .param("limit", properties.batch())
                    .query((rs, n) -> new StreamEvent(
                            rs.getLong("seq"),
                            rs.getString("id"),
                            rs.getString("type"),
                            rs.getString("merchant_id"),
                            rs.getString("merchant_id") + ":" + rs.getString("stream_key"),
                            rs.getString("payload"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                    .list();
            if (events.isEmpty()) {
                return 0;
            }
            try {
                stream.publish(events);
            } catch (Exception e) {
                throw new StreamUnavailable(e);
            }
            jdbc.sql("delete from webhook_stream_outbox where seq = any(:seqs)")
                    .param("seqs", events.stream().map(StreamEvent::seq).toArray(Long[]::new))
                    .update();
            return events.size();
        });
        return published == null ? 0 : published;
    }

    private static String reason(Throwable e) {
        Throwable cause = e instanceof StreamUnavailable && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static final class StreamUnavailable extends RuntimeException {
        StreamUnavailable(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
