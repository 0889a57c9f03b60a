package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.payment.spi.ChannelGateway;
import io.tongbao.payment.spi.ChannelRefundStatus;
import io.tongbao.payment.spi.CloseResult;
import io.tongbao.payment.spi.RefundRef;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.payment.spi.TradeStatus;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AttemptId;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.id.RefundId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles what no notification settled: asks the channel about attempts that are due (PENDING and UNKNOWN are
 * normal), hands attempts whose unified order lost the channel's answer (left CREATING) to that same schedule, closes
 * expired orders at the channel and then locally, and drives refunds to a final status. Work is
 * claimed in the database with a lease, so several nodes never work the same attempt or refund at once.
 */
@Component
@ConditionalOnBooleanProperty(name = "tongbao.payments.janitor.enabled", matchIfMissing = true)
class PaymentJanitor {

    private static final Logger log = LoggerFactory.getLogger(PaymentJanitor.class);
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final int BATCH = 20;

    private final PaymentStore payments;
    private final RefundStore refunds;
    private final PaymentSettlement settlement;
    private final Refunds refundService;
    private final Gateways gateways;
    private final Clock clock;
    private final Duration staleCreatingAfter;

    PaymentJanitor(
            PaymentStore payments,
            RefundStore refunds,
            PaymentSettlement settlement,
            Refunds refundService,
            Gateways gateways,
            Clock clock,
            @Value("${tongbao.payments.stale-creating-after:PT1M}") Duration staleCreatingAfter) {
        this.payments = payments;
        this.refunds = refunds;
        this.settlement = settlement;
        this.refundService = refundService;
        this.gateways = gateways;
        this.clock = clock;
        if (staleCreatingAfter.isNegative() || staleCreatingAfter.isZero()) {
            throw new IllegalArgumentException("tongbao.payments.stale-creating-after must be positive");
        }
        this.staleCreatingAfter = staleCreatingAfter;
    }

    @Scheduled(fixedDelayString = "${tongbao.payments.janitor-interval:PT1S}", initialDelayString = "PT2S")
    void run() {
        Instant now = clock.instant();
        adoptStaleCreatingAttempts(now);
        for (AttemptId attemptId : payments.claimDueAttempts(now, now.plus(LEASE), BATCH)) {
            guarded("attempt " + attemptId, () -> settleAttempt(attemptId));
        }
        for (PaymentId paymentId : payments.expiredWithoutLiveAttempt(now, BATCH)) {
            guarded("payment " + paymentId, () -> settlement.closeOrder(paymentId));
        }
        for (RefundId refundId : refunds.claimDue(now, now.plus(LEASE), BATCH)) {
            guarded("refund " + refundId, () -> settleRefund(refundId));
        }
    }

    /**
     * An attempt is CREATING only while its unified order waits for the channel, which the channel clients' timeouts
     * bound; one still CREATING long after lost that answer (the node stopped, or recording the answer failed), and
     * the channel may hold a trade or even the buyer's money for it. Left alone it would keep its order from ever
     * expiring or being paid another way.
     */
    private void adoptStaleCreatingAttempts(Instant now) {
        guarded("stale CREATING attempts", () -> {
            for (AttemptId attemptId : payments.adoptStaleCreatingAttempts(now.minus(staleCreatingAfter), now, BATCH)) {
                log.warn(
                        "attempt {} was still CREATING {} after it began: its channel answer was lost, so the channel"
                                + " is asked what it holds",
                        attemptId,
                        staleCreatingAfter);
            }
        });
    }

    void settleAttempt(AttemptId attemptId) {
        AttemptRow attempt = payments.attempt(attemptId).orElseThrow();
        if (attempt.status() != AttemptStatus.PENDING) {
            return;
        }
        OrderRow order = payments.orderById(attempt.paymentId()).orElseThrow();
        ChannelGateway gateway = gateways.of(attempt.payWay());
        TradeRef trade =
                new TradeRef(attempt.appId(), attempt.payWay(), attempt.id().asOutTradeNo());
        Instant now = clock.instant();
        switch (gateway.query(trade)) {
            case TradeStatus.Paid paid -> settlement.tradePaid(trade, paid.trade());
            case TradeStatus.Closed closed ->
                settlement.attemptClosed(attemptId, !order.expiresAt().isAfter(now));
            case TradeStatus.NotPaid notPaid -> notPaidYet(attempt, order, gateway, trade, now);
            case TradeStatus.NotFound notFound -> notPaidYet(attempt, order, gateway, trade, now);
            case TradeStatus.Unknown unknown -> reschedule(attempt, order, now);
        }
    }

    private void notPaidYet(AttemptRow attempt, OrderRow order, ChannelGateway gateway, TradeRef trade, Instant now) {
        boolean expired = !order.expiresAt().isAfter(now);
        boolean paidElsewhere = order.status() == PaymentStatus.PAID;
        boolean barcodeGaveUp = attempt.payWay() == PayWay.ALIPAY_BARCODE
                && attempt.createdAt().plus(QuerySchedule.BARCODE_GIVE_UP).isBefore(now);
        if (!expired && !paidElsewhere && !barcodeGaveUp) {
            reschedule(attempt, order, now);
            return;
        }
        switch (gateway.close(trade)) {
            case CloseResult.Closed closed -> settlement.attemptClosed(attempt.id(), expired);
            case CloseResult.AlreadyPaid paid -> settlement.tradePaid(trade, paid.trade());
            case CloseResult.NotYet notYet -> payments.scheduleQuery(attempt.id(), now.plus(notYet.retryAfter()), now);
            case CloseResult.Unknown unknown -> reschedule(attempt, order, now);
        }
    }

    private void reschedule(AttemptRow attempt, OrderRow order, Instant now) {
        Instant next = now.plus(QuerySchedule.after(attempt.payWay(), attempt.queryCount()));
        // never sleep past the order's expiry: that is when it must be closed
        if (order.status() == PaymentStatus.PENDING
                && order.expiresAt().isAfter(now)
                && next.isAfter(order.expiresAt())) {
            next = order.expiresAt();
        }
        payments.scheduleQuery(attempt.id(), next, now);
    }

    void settleRefund(RefundId refundId) {
        RefundRow refund = refunds.byId(refundId).orElseThrow();
        if (refund.status() != RefundStatus.PENDING) {
            return;
        }
        if (refund.submittedAt() == null) {
            refundService.submit(refundId);
            return;
        }
        AttemptRow attempt = payments.attempt(refund.attemptId()).orElseThrow();
        RefundRef ref = new RefundRef(
                refund.appId(),
                attempt.payWay(),
                attempt.id().asOutTradeNo(),
                refund.id().asOutRefundNo());
        Instant now = clock.instant();
        switch (gateways.of(attempt.payWay()).queryRefund(ref)) {
            case ChannelRefundStatus.Succeeded succeeded ->
                settlement.refundSucceeded(ref, succeeded.channelRefundId(), succeeded.at());
            case ChannelRefundStatus.Failed failed -> settlement.refundFailed(ref, failed.code(), failed.message());
            case ChannelRefundStatus.NotFound notFound -> refundService.submit(refundId);
            case ChannelRefundStatus.Processing processing ->
                refunds.submitted(refundId, null, now.plus(Duration.ofMinutes(1)), now);
            case ChannelRefundStatus.Unknown unknown -> refunds.submitted(refundId, null, now.plusSeconds(30), now);
        }
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // the lease runs out and another pass (here or on another node) tries again
            log.warn("janitor could not settle {}: {}", what, e.toString());
        }
    }
}
