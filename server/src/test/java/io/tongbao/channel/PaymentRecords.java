package io.tongbao.channel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the tests read from, and the few things they move in, Tongbao's tables: what the API does not show (attempts,
 * exceptions, the outbox), and the janitor's due times, so that a query a minute away happens now instead of after
 * a minute of waiting. Moving a due time changes when the janitor works, never what it decides.
 */
final class PaymentRecords {

    private final JdbcClient jdbc;

    PaymentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param queryCount how many times the janitor asked the channel and rescheduled */
    record Attempt(
            String id,
            String status,
            String payWay,
            long amount,
            Instant createdAt,
            Instant nextQueryAt,
            int queryCount) {}

    List<Attempt> attempts(String paymentId) {
        return jdbc.sql("""
                        select id, status, pay_way, amount, created_at, next_query_at, query_count from payment_attempt
                        where payment_id = :payment order by created_at, id""")
                .param("payment", paymentId)
                .query((rs, row) -> new Attempt(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        instant(rs.getTimestamp(5)),
                        instant(rs.getTimestamp(6)),
                        rs.getInt(7)))
                .list();
    }

    /** The payment's one attempt: its id is the out_trade_no the channel knows. */
    Attempt attempt(String paymentId) {
        List<Attempt> attempts = attempts(paymentId);
        if (attempts.size() != 1) {
            throw new AssertionError("expected one attempt of " + paymentId + ", found " + attempts);
        }
        return attempts.getFirst();
    }

    /** The janitor's next query of the payment's pending attempt is due now. */
    void makeQueryDue(String paymentId) {
        jdbc.sql("update payment_attempt set next_query_at = now() where payment_id = :payment and status = 'PENDING'")
                .param("payment", paymentId)
                .update();
    }

    /** Keeps the janitor away from the payment's attempt for an hour: only a notification can settle it now. */
    void holdQueries(String paymentId) {
        jdbc.sql("""
                        update payment_attempt set next_query_at = now() + interval '1 hour'
                        where payment_id = :payment and status = 'PENDING'""").param("payment", paymentId).update();
    }

    /** The payment's expiry has come (Tongbao's clock is the wall clock in these tests; the channel's is not moved). */
    void expire(String paymentId) {
        jdbc.sql("update payment_order set expires_at = now() - interval '1 second' where id = :payment")
                .param("payment", paymentId)
                .update();
    }

    /** The janitor's next query of the payment's submitted refunds is due now. */
    void makeRefundQueriesDue(String paymentId) {
        jdbc.sql("""
                        update refund set next_query_at = now()
                        where payment_id = :payment and status = 'PENDING' and submitted_at is not null""").param("payment", paymentId).update();
    }

    record Exception(String kind, String paymentId, String attemptId, String resolution, String detail) {}

    List<Exception> exceptions(String appId) {
        return jdbc.sql("""
                        select kind, payment_id, attempt_id, resolution, detail from payment_exception
                        where app_id = :app order by created_at, id""")
                .param("app", appId)
                .query((rs, row) -> new Exception(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
