package io.tongbao.payment;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.payment.spi.RefundCommand;
import io.tongbao.payment.spi.RefundRef;
import io.tongbao.payment.spi.RefundResult;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds: partial or full, many per payment, each with the merchant's own refund number. The amount is reserved
 * on the payment by one guarded UPDATE (refunded + amount ≤ paid), so concurrent requests can never refund more
 * than was paid; then the channel is asked, and only its notification or a query confirms.
 */
@Service
public class Refunds {

    /** WeChat Pay: at most 50 refunds per order, within a year. Alipay's limits are looser; the stricter one rules. */
    static final int MAX_REFUNDS_PER_PAYMENT = 50;
    static final Duration REFUND_WINDOW = Duration.ofDays(365);
    static final Duration SUBMISSION_LEASE = Duration.ofSeconds(30);

    private final PaymentStore payments;
    private final RefundStore refunds;
    private final PaymentSettlement settlement;
    private final Gateways gateways;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Refunds(PaymentStore payments, RefundStore refunds, PaymentSettlement settlement, Gateways gateways,
            TransactionTemplate transactions, Clock clock) {
        this.payments = payments;
        this.refunds = refunds;
        this.settlement = settlement;
        this.gateways = gateways;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Schema(description = "A refund of part or all of a paid payment")
    public record RefundRequest(
            @Schema(description = "The merchant's own refund number: the same number returns the same refund",
                    example = "R20261122001", requiredMode = REQUIRED) String outRefundNo,
            @Schema(description = "In minor units (fen): a JSON integer, at most what is left to refund",
                    example = "1000", minimum = "1", requiredMode = REQUIRED) Long amount,
            @Schema(example = "customer returned the goods") String reason) {
    }

    public Refund refund(MerchantCaller caller, String paymentId, RefundRequest request) {
        if (request.outRefundNo() == null || !request.outRefundNo().matches("[A-Za-z0-9_\\-*@|]{1,64}")) {
            throw ApiException.invalid("out_refund_no", "is required: letters, digits and _-*@| only, at most 64");
        }
        if (request.amount() == null || request.amount() <= 0) {
            throw ApiException.invalid("amount", "must be a positive number of fen");
        }
        OrderRow order = payments.order(caller.merchantId(), paymentId)
                .orElseThrow(() -> ApiException.notFound("payment", paymentId));
        var existing = refunds.byOutRefundNo(caller.appId(), request.outRefundNo());
        if (existing.isPresent()) {
            return sameOrConflict(existing.get(), paymentId, request);
        }
        Instant now = clock.instant();
        RefundRow refund = new RefundRow(Ids.next("rfd"), order.id(), order.paidAttemptId(), order.merchantId(),
                order.appId(), request.outRefundNo(), request.amount(), request.reason(), RefundStatus.PENDING, false,
                null, null, null, null, now, null);
        Boolean created = transactions.execute(status -> {
            OrderRow locked = payments.lockOrder(order.id());
            requireRefundable(locked, request.amount(), now);
            if (!payments.reserveRefund(order.id(), request.amount(), MAX_REFUNDS_PER_PAYMENT, now)) {
                throw ApiException.rule("REFUND_EXCEEDS_PAID", "refunding " + request.amount() + " fen would exceed the "
                        + (locked.amount() - locked.amountRefunded()) + " fen still refundable");
            }
            if (!refunds.insert(refund, now.plus(SUBMISSION_LEASE))) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        if (!Boolean.TRUE.equals(created)) {
            // the same refund number arrived twice at once: the other request created it
            return sameOrConflict(refunds.byOutRefundNo(caller.appId(), request.outRefundNo()).orElseThrow(),
                    paymentId, request);
        }
        submit(refund.id());
        return Refund.of(refunds.byId(refund.id()).orElseThrow());
    }

    public List<Refund> refundsOf(MerchantCaller caller, String paymentId) {
        payments.order(caller.merchantId(), paymentId).orElseThrow(() -> ApiException.notFound("payment", paymentId));
        return refunds.ofPayment(paymentId).stream().map(Refund::of).toList();
    }

    /** Asks the channel to refund; safe to repeat, since the channel deduplicates by our refund id. */
    void submit(String refundId) {
        RefundRow refund = refunds.byId(refundId).orElseThrow();
        if (refund.status() != RefundStatus.PENDING) {
            return;
        }
        AttemptRow attempt = payments.attempt(refund.attemptId()).orElseThrow();
        RefundResult result = gateways.of(attempt.payWay()).refund(new RefundCommand(refund.appId(), attempt.payWay(),
                attempt.id(), refund.id(), refund.amount(), attempt.amount(), refund.reason()));
        Instant now = clock.instant();
        RefundRef ref = new RefundRef(refund.appId(), attempt.payWay(), attempt.id(), refund.id());
        switch (result) {
            case RefundResult.Accepted accepted ->
                    refunds.submitted(refund.id(), accepted.channelRefundId(), now.plus(Duration.ofMinutes(1)), now);
            case RefundResult.Succeeded succeeded -> {
                refunds.submitted(refund.id(), succeeded.channelRefundId(), null, now);
                settlement.refundSucceeded(ref, succeeded.channelRefundId(), succeeded.at());
            }
            case RefundResult.Rejected rejected -> settlement.refundFailed(ref, rejected.code(), rejected.message());
            case RefundResult.Unknown unknown -> refunds.submitted(refund.id(), null, now.plusSeconds(30), now);
        }
    }

    private void requireRefundable(OrderRow order, long amount, Instant now) {
        if (order.status() != PaymentStatus.PAID) {
            throw ApiException.rule("PAYMENT_NOT_PAID", "payment " + order.id() + " is " + order.status());
        }
        if (!order.refundable()) {
            throw ApiException.rule("PAYMENT_NOT_REFUNDABLE", "the channel no longer accepts refunds for this payment");
        }
        if (order.paidAt().plus(REFUND_WINDOW).isBefore(now)) {
            throw ApiException.rule("REFUND_WINDOW_CLOSED", "refunds are accepted within a year of payment");
        }
        if (order.refundCount() >= MAX_REFUNDS_PER_PAYMENT) {
            throw ApiException.rule("TOO_MANY_REFUNDS", "at most " + MAX_REFUNDS_PER_PAYMENT + " refunds per payment");
        }
        if (amount > order.amount() - order.amountRefunded()) {
            throw ApiException.rule("REFUND_EXCEEDS_PAID", "refunding " + amount + " fen would exceed the "
                    + (order.amount() - order.amountRefunded()) + " fen still refundable");
        }
    }

    private static Refund sameOrConflict(RefundRow existing, String paymentId, RefundRequest request) {
        if (!existing.paymentId().equals(paymentId) || existing.amount() != request.amount()) {
            throw ApiException.conflict("OUT_REFUND_NO_REUSED",
                    "out_refund_no " + request.outRefundNo() + " was used for another refund");
        }
        return Refund.of(existing);
    }
}
