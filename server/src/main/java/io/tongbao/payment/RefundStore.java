package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.at;

import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutRefundNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.id.RefundId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefundStore {

    private final JdbcClient jdbc;

    RefundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the refund number (or the automatic refund of that attempt) exists already. */
    boolean insert(NewRefund refund, @Nullable Instant firstWorkAt) {
        try {
            jdbc.sql("""
                            insert into refund (id, payment_id, attempt_id, merchant_id, app_id, out_refund_no, amount,
                                reason, status, automatic, next_query_at, created_at, updated_at)
                            values (:id, :payment, :attempt, :merchant, :app, :no, :amount, :reason, 'PENDING',
                                :automatic, :firstWork, :now, :now)""")
                    .param("firstWork", at(firstWorkAt))
                    .param("id", refund.id().value())
                    .param("payment", refund.paymentId().value())
                    .param("attempt", refund.attemptId().value())
                    .param("merchant", refund.merchantId().value())
                    .param("app", refund.appId().value())
                    .param("no", refund.outRefundNo().value())
                    .param("amount", refund.amount().minor())
                    .param("reason", refund.reason())
                    .param("automatic", refund.automatic())
                    .param("now", at(refund.createdAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    Optional<RefundRow> byOutRefundNo(AppId appId, OutRefundNo outRefundNo) {
        return jdbc.sql(SELECT + " where app_id = :app and out_refund_no = :no")
                .param("app", appId.value())
                .param("no", outRefundNo.value())
                .query(RefundRow::read)
                .optional();
    }

    Optional<RefundRow> byId(RefundId refundId) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", refundId.value())
                .query(RefundRow::read)
                .optional();
    }

    List<RefundRow> ofPayment(PaymentId paymentId) {
        return jdbc.sql(SELECT + " where payment_id = :payment order by created_at, id")
                .param("payment", paymentId.value())
                .query(RefundRow::read)
                .list();
    }

    void submitted(RefundId refundId, @Nullable String channelRefundId, @Nullable Instant nextQueryAt, Instant now) {
        jdbc.sql("""
                        update refund set submitted_at = coalesce(submitted_at, :now),
                               channel_refund_id = coalesce(:channelId, channel_refund_id), next_query_at = :next,
                               updated_at = :now
                        where id = :id and status = 'PENDING'""")
                .param("now", at(now))
                .param("channelId", channelRefundId)
                .param("next", at(nextQueryAt))
                .param("id", refundId.value())
                .update();
    }

    boolean succeeded(RefundId refundId, @Nullable String channelRefundId, Instant at, Instant now) {
        return jdbc.sql("""
                        update refund set status = :to, channel_refund_id = coalesce(:channelId, channel_refund_id),
                               succeeded_at = :at, next_query_at = null, updated_at = :now
                        where id = :id and status = any(:from)""")
                        .param("to", PaymentStateMachine.SUCCEED_REFUND.to())
                        .param("from", PaymentStateMachine.SUCCEED_REFUND.from())
                        .param("channelId", channelRefundId)
                        .param("at", at(at))
                        .param("now", at(now))
                        .param("id", refundId.value())
                        .update()
                == 1;
    }

    boolean failed(RefundId refundId, String code, String message, Instant now) {
        return jdbc.sql("""
                        update refund set status = :to, failure_code = :code, failure_message = :message,
                               next_query_at = null, updated_at = :now
                        where id = :id and status = any(:from)""")
                        .param("to", PaymentStateMachine.FAIL_REFUND.to())
                        .param("from", PaymentStateMachine.FAIL_REFUND.from())
                        .param("code", code)
                        .param("message", message)
                        .param("now", at(now))
                        .param("id", refundId.value())
                        .update()
                == 1;
    }

    /** Claims due refunds for this node for a lease, so that no two nodes work the same refund at once. */
    List<RefundId> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        update refund set next_query_at = :lease where id in (
                            select id from refund where status = 'PENDING' and (next_query_at is null or next_query_at <= :now)
                            order by next_query_at nulls first limit :limit for update skip locked)
                        returning id""")
                .param("lease", at(leaseUntil))
                .param("now", at(now))
                .param("limit", limit)
                .query((rs, row) -> RefundId.of(rs.getString("id")))
                .list();
    }

    private static final String SELECT = "select * from refund";
}
