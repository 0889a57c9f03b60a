package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.RefundRef;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.shared.id.AttemptId;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.id.RefundId;
import io.tongbao.shared.log.LogValues;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what a channel reports (by notification, query, close or a barcode's answer) exactly once. Each method is
 * one transaction that locks the order, moves the attempt and the order by guarded updates and publishes the event,
 * so a duplicate, late or concurrent report finds the work done and changes nothing.
 */
@Service
class PaymentSettlement implements ChannelNotifications {

    enum SurplusPolicy {
        REFUND,
        HOLD
    }

    private final PaymentStore payments;
    private final RefundStore refunds;
    private final PaymentExceptions exceptions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SurplusPolicy surplusPolicy;

    PaymentSettlement(
            PaymentStore payments,
            RefundStore refunds,
            PaymentExceptions exceptions,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${tongbao.payments.surplus-policy:REFUND}") SurplusPolicy surplusPolicy) {
        this.payments = payments;
        this.refunds = refunds;
        this.exceptions = exceptions;
        this.events = events;
        this.clock = clock;
        this.surplusPolicy = surplusPolicy;
    }

    @Override
    @Transactional
    public Outcome tradePaid(TradeRef trade, PaidTrade paid) {
        Instant now = clock.instant();
        // the channel's out_trade_no is an attempt id of Tongbao's, or names no trade Tongbao has
        Optional<AttemptRow> found = AttemptId.parse(trade.outTradeNo().value()).flatMap(payments::attempt);
        if (found.isEmpty() || !found.get().appId().equals(trade.appId())) {
            exceptions.recordRejection(
                    trade.appId(),
                    trade.outTradeNo(),
                    "UNKNOWN_TRADE",
                    "a paid notification for a trade this app does not have",
                    now);
            return Outcome.REJECTED;
        }
        if (!found.get().amount().equals(paid.amount())) {
            exceptions.recordRejection(
                    trade.appId(),
                    trade.outTradeNo(),
                    "AMOUNT_MISMATCH",
                    "channel reports " + paid.amount().minor() + " fen paid, the attempt is for "
                            + found.get().amount().minor(),
                    now);
            return Outcome.REJECTED;
        }
        OrderRow order = payments.lockOrder(found.get().paymentId());
        AttemptRow attempt = payments.lockAttempt(found.get().id());
        if (attempt.status() == AttemptStatus.SUCCEEDED) {
            if (paid.finished() && !attempt.finished()) {
                payments.attemptFinished(attempt.id(), now);
                if (order.paid() != null && attempt.id().equals(order.paid().attemptId())) {
                    payments.markNotRefundable(order.id(), now);
                }
            }
            return Outcome.ACCEPTED;
        }
        Instant paidAt = paid.paidAt() == null ? now : paid.paidAt();
        payments.attemptSucceeded(
                attempt.id(), attempt.status(), paid.channelTransactionId(), paidAt, paid.finished(), now);
        if (order.status() == PaymentStatus.PENDING) {
            payments.markPaid(order.id(), attempt.id(), paidAt, now);
            if (paid.finished()) {
                payments.markNotRefundable(order.id(), now);
            }
            events.publishEvent(PaymentEvents.succeeded(order, attempt, paid.channelTransactionId(), paidAt));
        } else {
            surplus(order, attempt, now);
        }
        return Outcome.ACCEPTED;
    }

    @Override
    public void rejected(
            String channel, String appId, @Nullable String claimedOutTradeNo, Rejection why, String detail) {
        // both come from a notification that did not verify: escaped and bounded, so that a forger can neither bloat
        // the record nor put a NUL (which PostgreSQL refuses) or a line break into it
        exceptions.recordRefusal(
                channel,
                appId,
                claimedOutTradeNo == null ? null : LogValues.safe(claimedOutTradeNo, 64),
                why.name(),
                LogValues.safe(detail, 500),
                clock.instant());
    }

    /** Money for an order that is already paid by another attempt, or was closed: never silently kept or dropped. */
    private void surplus(OrderRow order, AttemptRow attempt, Instant now) {
        String kind = order.status() == PaymentStatus.PAID ? "SURPLUS_PAYMENT" : "PAID_AFTER_CLOSE";
        String resolution = surplusPolicy == SurplusPolicy.REFUND ? "AUTO_REFUND" : "HELD_FOR_OPERATOR";
        String exceptionId = exceptions.record(
                order,
                attempt.id(),
                kind,
                "attempt " + attempt.id() + " was paid " + attempt.amount().minor() + " fen while the payment is "
                        + order.status(),
                resolution,
                now);
        if (surplusPolicy == SurplusPolicy.REFUND) {
            refunds.insert(NewRefund.automatic(order, attempt, kind, now), null);
        }
        events.publishEvent(PaymentEvents.exceptionRaised(exceptionId, order, attempt, kind, resolution, now));
    }

    /** The channel closed the attempt; the order closes with it unless another attempt is live or it was paid. */
    @Transactional
    void attemptClosed(AttemptId attemptId, boolean closeOrder) {
        Instant now = clock.instant();
        AttemptRow attempt = payments.attempt(attemptId).orElseThrow();
        OrderRow order = payments.lockOrder(attempt.paymentId());
        payments.attemptClosed(attemptId, now);
        if (closeOrder && order.status() == PaymentStatus.PENDING && payments.markClosed(order.id(), now)) {
            events.publishEvent(PaymentEvents.closed(order, now));
        }
    }

    /** An order with no live attempt closes locally only. */
    @Transactional
    boolean closeOrder(PaymentId paymentId) {
        Instant now = clock.instant();
        OrderRow order = payments.lockOrder(paymentId);
        if (order.status() != PaymentStatus.PENDING
                || payments.liveAttempt(paymentId).isPresent()) {
            return false;
        }
        payments.markClosed(paymentId, now);
        events.publishEvent(PaymentEvents.closed(order, now));
        return true;
    }

    @Override
    @Transactional
    public Outcome refundSucceeded(RefundRef ref, @Nullable String channelRefundId, @Nullable Instant at) {
        Optional<RefundRow> refund = refundOf(ref);
        if (refund.isEmpty()) {
            exceptions.recordRejection(
                    ref.appId(),
                    ref.outTradeNo(),
                    "UNKNOWN_REFUND",
                    "a refund notification for a refund this app does not have",
                    clock.instant());
            return Outcome.REJECTED;
        }
        RefundRow row = refund.get();
        OrderRow order = payments.lockOrder(row.paymentId());
        Instant succeededAt = at == null ? clock.instant() : at;
        if (refunds.succeeded(row.id(), channelRefundId, succeededAt, clock.instant())) {
            events.publishEvent(PaymentEvents.refundSucceeded(row, order, succeededAt));
        }
        return Outcome.ACCEPTED;
    }

    @Override
    @Transactional
    public Outcome refundFailed(RefundRef ref, String code, String message) {
        Optional<RefundRow> refund = refundOf(ref);
        if (refund.isEmpty()) {
            return Outcome.REJECTED;
        }
        RefundRow row = refund.get();
        Instant now = clock.instant();
        OrderRow order = payments.lockOrder(row.paymentId());
        if (refunds.failed(row.id(), code, message, now)) {
            if (!row.automatic()) {
                payments.releaseRefund(row.paymentId(), row.amount(), now);
            }
            events.publishEvent(PaymentEvents.refundFailed(row, order, code, message, now));
        }
        return Outcome.ACCEPTED;
    }

    /** The channel's out_refund_no is a refund id of Tongbao's, of the app the channel account belongs to. */
    private Optional<RefundRow> refundOf(RefundRef ref) {
        return RefundId.parse(ref.outRefundNo().value())
                .flatMap(refunds::byId)
                .filter(refund -> refund.appId().equals(ref.appId()));
    }
}
