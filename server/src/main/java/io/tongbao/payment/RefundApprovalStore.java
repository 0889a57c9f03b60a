package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.at;

import io.tongbao.payment.RefundApproval.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refunds waiting for a second operator. Each leaves PENDING once, by a guarded UPDATE. */
@Repository
class RefundApprovalStore {

    private final JdbcClient jdbc;

    RefundApprovalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, OrderRow order, long amount, String reason, String requestedBy, Instant now) {
        jdbc.sql("""
                        insert into refund_approval (id, payment_id, merchant_id, app_id, amount, reason, requested_by,
                            status, created_at)
                        values (:id, :payment, :merchant, :app, :amount, :reason, :by, 'PENDING', :now)""")
                .param("id", id)
                .param("payment", order.id().value())
                .param("merchant", order.merchantId().value())
                .param("app", order.appId().value())
                .param("amount", amount)
                .param("reason", reason)
                .param("by", requestedBy)
                .param("now", at(now))
                .update();
    }

    Optional<RefundApproval> byId(String id) {
        return jdbc.sql("select * from refund_approval where id = :id")
                .param("id", id)
                .query(RefundApproval::read)
                .optional();
    }

    /** The request, if it was PENDING and asked by someone else than {@code decidedBy}: it is {@code to} now. */
    Optional<RefundApproval> decide(String id, Status to, String decidedBy, Instant now) {
        return jdbc.sql("""
                        update refund_approval set status = :to, decided_by = :by, decided_at = :now
                        where id = :id and status = 'PENDING' and requested_by <> :by
                        returning *""")
                .param("to", to.name())
                .param("by", decidedBy)
                .param("now", at(now))
                .param("id", id)
                .query(RefundApproval::read)
                .optional();
    }

    void refunded(String id, String refundId) {
        jdbc.sql("update refund_approval set refund_id = :refund where id = :id and status = 'APPROVED'")
                .param("refund", refundId)
                .param("id", id)
                .update();
    }

    void failed(String id, String code, @Nullable String message) {
        jdbc.sql("""
                        update refund_approval set status = 'FAILED', failure_code = :code, failure_message = :message
                        where id = :id and status = 'APPROVED' and refund_id is null""")
                .param("code", code)
                .param("message", message)
                .param("id", id)
                .update();
    }

    List<RefundApproval> pending(int limit) {
        return jdbc.sql("select * from refund_approval where status = 'PENDING' order by created_at, id limit :limit")
                .param("limit", limit)
                .query(RefundApproval::read)
                .list();
    }
}
