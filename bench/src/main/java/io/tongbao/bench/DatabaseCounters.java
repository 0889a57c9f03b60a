package io.tongbao.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the application asked of PostgreSQL between two moments: commits and rows written in its database, from
 * PostgreSQL's statistics (which backends flush at most once a second, hence the wait before each reading).
 */
record DatabaseCounters(long commits, long rowsWritten, long apiCallId) {

    static DatabaseCounters read(RunningTongbao tongbao) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_500));
        JdbcClient jdbc = tongbao.bean(JdbcClient.class);
        long commits = jdbc.sql("select xact_commit from pg_stat_database where datname = current_database()")
                .query(Long.class)
                .single();
        long rows = jdbc.sql("select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) from pg_stat_user_tables")
                .query(Long.class)
                .single();
        long lastCall = jdbc.sql("select coalesce(max(id), 0) from api_call")
                .query(Long.class)
                .single();
        return new DatabaseCounters(commits, rows, lastCall);
    }

    DatabaseCounters since(DatabaseCounters earlier) {
        return new DatabaseCounters(commits - earlier.commits, rowsWritten - earlier.rowsWritten, earlier.apiCallId);
    }

    /** The server's own time for the merchant API calls after this reading (api_call.latency_ms), at a quantile. */
    static double serverMillis(RunningTongbao tongbao, DatabaseCounters from, String pathPrefix, double quantile) {
        return tongbao.bean(JdbcClient.class)
                .sql("""
                        select coalesce(percentile_cont(:q) within group (order by latency_ms), 'NaN')
                        from api_call where id > :since and path like :path""")
                .param("q", quantile)
                .param("since", from.apiCallId())
                .param("path", pathPrefix + "%")
                .query(Double.class)
                .single();
    }
}
