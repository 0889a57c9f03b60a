package io.tongbao.payment;

import static io.tongbao.shared.time.JdbcTime.at;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.AttemptId;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Orders and attempts in SQL. Every status change names the status it expects: the database settles races. */
@Repository
class PaymentStore {

    private final JdbcClient jdbc;

    PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when (app, out_trade_no) exists already. */
    boolean insertOrder(OrderRow order) {
        OrderRow.OrderTerms terms = order.terms();
        OrderRow.Fee fee = order.fee();
        return jdbc.sql("""
                        insert into payment_order (id, merchant_id, app_id, out_trade_no, amount, currency, subject,
                            description, metadata, notify_url, return_url, request_hash, status, pay_way, expires_at,
                            fee_rate_ppm, fee, created_at, updated_at)
                        values (:id, :merchant, :app, :outTradeNo, :amount, :currency, :subject, :description,
                            cast(:metadata as jsonb), :notifyUrl, :returnUrl, :hash, :status, :payWay, :expiresAt,
                            :feeRate, :fee, :now, :now)
                        on conflict (app_id, out_trade_no) do nothing""")
                        .param("id", order.id().value())
                        .param("merchant", order.merchantId().value())
                        .param("app", order.appId().value())
                        .param("outTradeNo", order.outTradeNo().value())
                        .param("amount", order.amount().minor())
                        .param("currency", order.amount().currency().name())
                        .param("subject", terms.subject())
                        .param("description", terms.description())
                        .param("metadata", terms.metadataJson())
                        .param("notifyUrl", terms.notifyUrl())
                        .param("returnUrl", terms.returnUrl())
                        .param("hash", terms.requestHash())
                        .param("status", order.status().name())
                        .param("payWay", order.payWay().name())
                        .param("expiresAt", at(order.expiresAt()))
                        .param("feeRate", fee == null ? null : fee.ratePpm())
                        .param("fee", fee == null ? null : fee.amount().minor())
                        .param("now", at(order.createdAt()))
                        .update()
                == 1;
    }

    /** A new order with its first (CREATING) attempt, in one transaction; false when (app, out_trade_no) exists. */
    @Transactional
    boolean insertOrderWithAttempt(OrderRow order, AttemptRow attempt, String channel) {
        if (!insertOrder(order)) {
            return false;
        }
        // cannot meet another live attempt: nobody else can see the order before this transaction commits
        insertCreatingAttempt(attempt, channel).orElseThrow();
        return true;
    }

    Optional<OrderRow> order(MerchantId merchantId, PaymentId paymentId) {
        return jdbc.sql(ORDER + " where merchant_id = :merchant and id = :id")
                .param("merchant", merchantId.value())
                .param("id", paymentId.value())
                .query(OrderRow::read)
                .optional();
    }

    /** The notify URL the merchant gave with the order; empty when it gave none (or there is no such order). */
    Optional<String> notifyUrl(String merchantId, String paymentId) {
        List<@Nullable String> urls = jdbc.sql(
                        "select notify_url from payment_order where merchant_id = :merchant and id = :id")
                .param("merchant", merchantId)
                .param("id", paymentId)
                .query(String.class)
                .list();
        return urls.isEmpty() ? Optional.empty() : Optional.ofNullable(urls.getFirst());
    }

    /** The order with its live attempt's action (null when none is open), in one query: what a GET shows. */
    Optional<OrderWithAction> orderWithLiveAction(MerchantId merchantId, PaymentId paymentId) {
        return jdbc.sql("""
                        select o.*, a.action as live_action from payment_order o
                        left join payment_attempt a on a.payment_id = o.id and a.status = 'PENDING'
                        where o.merchant_id = :merchant and o.id = :id""")
                .param("merchant", merchantId.value())
                .param("id", paymentId.value())
                .query((rs, row) -> new OrderWithAction(OrderRow.read(rs, row), rs.getString("live_action")))
                .optional();
    }

    record OrderWithAction(OrderRow order, @Nullable String liveActionJson) {}

    Optional<OrderRow> orderById(PaymentId paymentId) {
        return jdbc.sql(ORDER + " where id = :id")
                .param("id", paymentId.value())
                .query(OrderRow::read)
                .optional();
    }

    Optional<OrderRow> orderByOutTradeNo(AppId appId, OutTradeNo outTradeNo) {
        return jdbc.sql(ORDER + " where app_id = :app and out_trade_no = :no")
                .param("app", appId.value())
                .param("no", outTradeNo.value())
                .query(OrderRow::read)
                .optional();
    }

    /** The order, locked until the transaction ends: serialises what is decided per order. */
    OrderRow lockOrder(PaymentId paymentId) {
        return jdbc.sql(ORDER + " where id = :id for update")
                .param("id", paymentId.value())
                .query(OrderRow::read)
                .single();
    }

    List<OrderRow> page(
            MerchantId merchantId,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable PaymentStatus status,
            @Nullable PayWay payWay,
            @Nullable String outTradeNo,
            @Nullable Instant cursorCreatedAt,
            @Nullable String cursorId,
            int limit) {
        return jdbc.sql(ORDER + " " + """
                         where merchant_id = :merchant
                           and (cast(:from as timestamptz) is null or created_at >= :from)
                           and (cast(:to as timestamptz) is null or created_at < :to)
                           and (cast(:status as text) is null or status = :status)
                           and (cast(:payWay as text) is null or pay_way = :payWay)
                           and (cast(:outTradeNo as text) is null or out_trade_no = :outTradeNo)
                           and (cast(:cursorAt as timestamptz) is null or (created_at, id) < (:cursorAt, :cursorId))
                         order by created_at desc, id desc limit :limit""")
                .param("merchant", merchantId.value())
                .param("from", at(from))
                .param("to", at(to))
                .param("status", status == null ? null : status.name())
                .param("payWay", payWay == null ? null : payWay.name())
                .param("outTradeNo", outTradeNo)
                .param("cursorAt", at(cursorCreatedAt))
                .param("cursorId", cursorId)
                .param("limit", limit)
                .query(OrderRow::read)
                .list();
    }

    boolean markPaid(PaymentId paymentId, AttemptId attemptId, Instant paidAt, Instant now) {
        return jdbc.sql("""
                        update payment_order set status = :to, paid_at = :paidAt, paid_attempt_id = :attempt,
                               updated_at = :now
                        where id = :id and status = any(:from)""")
                        .param("to", PaymentStateMachine.PAY_ORDER.to())
                        .param("from", PaymentStateMachine.PAY_ORDER.from())
                        .param("paidAt", at(paidAt))
                        .param("attempt", attemptId.value())
                        .param("now", at(now))
                        .param("id", paymentId.value())
                        .update()
                == 1;
    }

    boolean markClosed(PaymentId paymentId, Instant now) {
        return jdbc.sql("""
                        update payment_order set status = :to, closed_at = :now, updated_at = :now
                        where id = :id and status = any(:from)""")
                        .param("to", PaymentStateMachine.CLOSE_ORDER.to())
                        .param("from", PaymentStateMachine.CLOSE_ORDER.from())
                        .param("now", at(now))
                        .param("id", paymentId.value())
                        .update()
                == 1;
    }

    void markNotRefundable(PaymentId paymentId, Instant now) {
        jdbc.sql("update payment_order set refundable = false, updated_at = :now where id = :id and refundable")
                .param("now", at(now))
                .param("id", paymentId.value())
                .update();
    }

    void changePayWay(PaymentId paymentId, PayWay payWay, Instant now) {
        jdbc.sql("update payment_order set pay_way = :way, updated_at = :now where id = :id and status = 'PENDING'")
                .param("way", payWay.name())
                .param("now", at(now))
                .param("id", paymentId.value())
                .update();
    }

    /** Reserves a refund's amount; false when it would exceed what was paid, or the payment is not refundable. */
    boolean reserveRefund(PaymentId paymentId, Money amount, int maxRefunds, Instant now) {
        return jdbc.sql("""
                        update payment_order set amount_refunded = amount_refunded + :amount,
                               refund_count = refund_count + 1, updated_at = :now
                        where id = :id and status = 'PAID' and refundable
                          and amount_refunded + :amount <= amount and refund_count < :max""")
                        .param("amount", amount.minor())
                        .param("now", at(now))
                        .param("id", paymentId.value())
                        .param("max", maxRefunds)
                        .update()
                == 1;
    }

    void releaseRefund(PaymentId paymentId, Money amount, Instant now) {
        jdbc.sql("""
                        update payment_order set amount_refunded = amount_refunded - :amount, updated_at = :now
                        where id = :id and amount_refunded >= :amount""")
                .param("amount", amount.minor())
                .param("now", at(now))
                .param("id", paymentId.value())
                .update();
    }

    // --- attempts -------------------------------------------------------------------------------

    /** Empty when another live attempt holds the order (the unique index on live attempts said no). */
    Optional<AttemptRow> insertCreatingAttempt(AttemptRow attempt, String channel) {
        try {
            jdbc.sql("""
                            insert into payment_attempt (id, payment_id, merchant_id, app_id, channel, pay_way, amount,
                                status, created_at, updated_at)
                            values (:id, :payment, :merchant, :app, :channel, :payWay, :amount, 'CREATING', :now, :now)""")
                    .param("id", attempt.id().value())
                    .param("payment", attempt.paymentId().value())
                    .param("merchant", attempt.merchantId().value())
                    .param("app", attempt.appId().value())
                    .param("channel", channel)
                    .param("payWay", attempt.payWay().name())
                    .param("amount", attempt.amount().minor())
                    .param("now", at(attempt.createdAt()))
                    .update();
            return Optional.of(attempt);
        } catch (DuplicateKeyException liveAttemptExists) {
            return Optional.empty();
        }
    }

    Optional<AttemptRow> attempt(AttemptId attemptId) {
        return jdbc.sql(ATTEMPT + " where id = :id")
                .param("id", attemptId.value())
                .query(AttemptRow::read)
                .optional();
    }

    AttemptRow lockAttempt(AttemptId attemptId) {
        return jdbc.sql(ATTEMPT + " where id = :id for update")
                .param("id", attemptId.value())
                .query(AttemptRow::read)
                .single();
    }

    Optional<AttemptRow> liveAttempt(PaymentId paymentId) {
        return jdbc.sql(ATTEMPT + " where payment_id = :payment and status in ('CREATING', 'PENDING')")
                .param("payment", paymentId.value())
                .query(AttemptRow::read)
                .optional();
    }

    List<AttemptRow> attempts(PaymentId paymentId) {
        return jdbc.sql(ATTEMPT + " where payment_id = :payment order by created_at, id")
                .param("payment", paymentId.value())
                .query(AttemptRow::read)
                .list();
    }

    boolean attemptOpened(AttemptId attemptId, @Nullable String actionJson, Instant nextQueryAt, Instant now) {
        return moveAttempt(
                attemptId,
                PaymentStateMachine.OPEN_ATTEMPT,
                PaymentStateMachine.OPEN_ATTEMPT.from(),
                """
                update payment_attempt set status = :to, action = cast(:action as jsonb), next_query_at = :next,
                       updated_at = :now where id = :id and status = any(:from)""",
                q -> q.param("action", actionJson)
                        .param("next", at(nextQueryAt))
                        .param("now", at(now)));
    }

    boolean attemptFailed(AttemptId attemptId, AttemptStatus from, String code, String message, Instant now) {
        return moveAttempt(
                attemptId,
                PaymentStateMachine.FAIL_ATTEMPT,
                PaymentStateMachine.FAIL_ATTEMPT.from(from),
                """
                update payment_attempt set status = :to, failure_code = :code, failure_message = :message,
                       next_query_at = null, updated_at = :now where id = :id and status = any(:from)""",
                q -> q.param("code", code).param("message", message).param("now", at(now)));
    }

    boolean attemptClosed(AttemptId attemptId, Instant now) {
        return moveAttempt(
                attemptId,
                PaymentStateMachine.CLOSE_ATTEMPT,
                PaymentStateMachine.CLOSE_ATTEMPT.from(),
                """
                update payment_attempt set status = :to, closed_at = :now, next_query_at = null, updated_at = :now
                where id = :id and status = any(:from)""",
                q -> q.param("now", at(now)));
    }

    boolean attemptSucceeded(
            AttemptId attemptId,
            AttemptStatus from,
            @Nullable String channelTransactionId,
            Instant paidAt,
            boolean finished,
            Instant now) {
        return moveAttempt(
                attemptId,
                PaymentStateMachine.SUCCEED_ATTEMPT,
                PaymentStateMachine.SUCCEED_ATTEMPT.from(from),
                """
                update payment_attempt set status = :to, channel_transaction_id = :txn, paid_at = :paidAt,
                       finished = :finished, next_query_at = null, updated_at = :now
                where id = :id and status = any(:from)""",
                q -> q.param("txn", channelTransactionId)
                        .param("paidAt", at(paidAt))
                        .param("finished", finished)
                        .param("now", at(now)));
    }

    void attemptFinished(AttemptId attemptId, Instant now) {
        jdbc.sql(
                        "update payment_attempt set finished = true, updated_at = :now where id = :id and status = 'SUCCEEDED'")
                .param("now", at(now))
                .param("id", attemptId.value())
                .update();
    }

    void scheduleQuery(AttemptId attemptId, Instant nextQueryAt, Instant now) {
        jdbc.sql("""
                        update payment_attempt set next_query_at = :next, query_count = query_count + 1, updated_at = :now
                        where id = :id and status = 'PENDING'""")
                .param("next", at(nextQueryAt))
                .param("now", at(now))
                .param("id", attemptId.value())
                .update();
    }

    /** Claims attempts due for a query for this node for a lease: no two nodes work the same attempt at once. */
    List<AttemptId> claimDueAttempts(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        update payment_attempt set next_query_at = :lease where id in (
                            select id from payment_attempt where status = 'PENDING' and next_query_at <= :now
                            order by next_query_at limit :limit for update skip locked)
                        returning id""")
                .param("lease", at(leaseUntil))
                .param("now", at(now))
                .param("limit", limit)
                .query((rs, row) -> AttemptId.of(rs.getString("id")))
                .list();
    }

    /**
     * Attempts still CREATING since before {@code staleBefore}: the request that opened them ended without recording
     * the channel's answer. They become PENDING and due at once, so the query schedule finds out what the channel
     * has (paid, open, or nothing) and settles, closes or retries them like any unnotified attempt.
     */
    List<AttemptId> adoptStaleCreatingAttempts(Instant staleBefore, Instant now, int limit) {
        // the inner select names CREATING as a literal: it is the predicate of the partial index it scans
        return jdbc.sql("""
                        update payment_attempt set status = :to, next_query_at = :now, updated_at = :now
                        where id in (select id from payment_attempt where status = 'CREATING' and created_at <= :stale
                                     order by created_at limit :limit for update skip locked)
                          and status = any(:from)
                        returning id""")
                .param("to", PaymentStateMachine.OPEN_ATTEMPT.to())
                .param("from", PaymentStateMachine.OPEN_ATTEMPT.from())
                .param("now", at(now))
                .param("stale", at(staleBefore))
                .param("limit", limit)
                .query((rs, row) -> AttemptId.of(rs.getString("id")))
                .list();
    }

    List<PaymentId> expiredWithoutLiveAttempt(Instant now, int limit) {
        return jdbc.sql("""
                        select o.id from payment_order o
                        where o.status = 'PENDING' and o.expires_at <= :now
                          and not exists (select 1 from payment_attempt a
                                          where a.payment_id = o.id and a.status in ('CREATING', 'PENDING'))
                        order by o.expires_at limit :limit""")
                .param("now", at(now))
                .param("limit", limit)
                .query((rs, row) -> PaymentId.of(rs.getString("id")))
                .list();
    }

    /** {@code from}: the move's sources, or the one a caller expects ({@code Transition.from(expected)}). */
    private boolean moveAttempt(
            AttemptId attemptId,
            PaymentStateMachine.Transition<AttemptStatus> move,
            String[] from,
            String sql,
            UnaryOperator<JdbcClient.StatementSpec> params) {
        return params.apply(jdbc.sql(sql)
                                .param("id", attemptId.value())
                                .param("to", move.to())
                                .param("from", from))
                        .update()
                == 1;
    }

    private static final String ORDER = "select * from payment_order";
    private static final String ATTEMPT = "select * from payment_attempt";
}
