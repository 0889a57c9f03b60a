package io.tongbao.gateway;

import jakarta.annotation.PreDestroy;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One row per merchant API call: who, what, how it ended, how long it took. Never a body or a header value.
 *
 * <p>Rows are written behind the answer, many per statement, so that the log costs the call no commit of its own
 * (docs/api.md). A full queue is written at once by the caller rather
 * than dropped; what a hard crash can lose is the last {@code FLUSH_INTERVAL} of rows, and a graceful stop flushes.
 */
@Component
class CallLog {

    static final int QUEUE_CAPACITY = 10_000;
    static final int BATCH = 500;
    static final String FLUSH_INTERVAL = "PT0.1S";

    private static final Logger log = LoggerFactory.getLogger(CallLog.class);
    private static final String INSERT = """
            insert into api_call (request_id, merchant_id, app_id, method, path, status, error_code, latency_ms, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final BlockingQueue<Call> pending = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final JdbcTemplate jdbc;

    CallLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Call(
            String requestId,
            @Nullable String merchantId,
            @Nullable String appId,
            String method,
            String path,
            int status,
            @Nullable String errorCode,
            int latencyMs,
            OffsetDateTime at) {}

    void record(Call call) {
        if (!pending.offer(call)) {
            write(List.of(call));
        }
    }

    @Scheduled(fixedDelayString = FLUSH_INTERVAL)
    void flush() {
        List<Call> batch = new ArrayList<>(BATCH);
        while (pending.drainTo(batch, BATCH) > 0) {
            write(batch);
            batch.clear();
        }
    }

    @PreDestroy
    void flushOnStop() {
        flush();
    }

    private void write(List<Call> calls) {
        try {
            jdbc.batchUpdate(INSERT, calls, calls.size(), (statement, call) -> {
                statement.setString(1, call.requestId());
                statement.setString(2, call.merchantId());
                statement.setString(3, truncate(call.appId(), 64));
                statement.setString(4, call.method());
                statement.setString(5, truncate(call.path(), 512));
                statement.setInt(6, call.status());
                statement.setString(7, call.errorCode());
                statement.setInt(8, call.latencyMs());
                statement.setObject(9, call.at());
            });
        } catch (RuntimeException e) {
            // the calls themselves have been answered; losing their log rows must not turn them into errors
            log.warn(
                    "could not record {} API calls (first {}): {}",
                    calls.size(),
                    calls.getFirst().requestId(),
                    e.getMessage());
        }
    }

    private static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
