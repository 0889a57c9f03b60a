package io.tongbao.payment;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.payment.spi.RefundCommand;
import io.tongbao.payment.spi.RefundRef;
import io.tongbao.payment.spi.RefundResult;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.OutRefundNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.id.RefundId;
import io.tongbao.shared.log.LogValues;
import io.tongbao.shared.money.Money;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
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
    /** What WeChat Pay takes as a refund's reason. */
    static final int MAX_REASON = 80;

    private final PaymentStore payments;
    private final RefundStore refunds;
    private final PaymentSettlement settlement;
    private final Gateways gateways;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    Refunds(
            PaymentStore payments,
            RefundStore refunds,
            PaymentSettlement settlement,
            Gateways gateways,
            TransactionTemplate transactions,
            AuditTrail audit,
            Clock clock) {
        this.payments = payments;
        this.refunds = refunds;
        this.settlement = settlement;
        this.gateways = gateways;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Schema(description = "A refund of part or all of a paid payment")
    public record RefundRequest(
            @Schema(
                    description = "The merchant's own refund number: the same number returns the same refund",
                    example = "R20261122001",
                    requiredMode = REQUIRED)
            @Nullable
            String outRefundNo,

            @Schema(
                    description = "In minor units (fen): a JSON integer, at most what is left to refund",
                    example = "1000",
                    minimum = "1",
                    requiredMode = REQUIRED)
            @Nullable
            Long amount,

            @Schema(example = "customer returned the goods") @Nullable
            String reason) {}

    public Refund refund(MerchantCaller caller, PaymentId paymentId, RefundRequest request) {
        return refund(caller, paymentId, request, null);
    }

    /**
     * A refund that the merchant's staff make in the console, of their own merchant's payment: the merchant API's
     * path, with a refund number made here ({@code con_…}) and an audit entry in the refund's transaction. Refused as
     * the API refuses ({@link ApiException}: {@code REFUND_EXCEEDS_PAID}, {@code PAYMENT_NOT_REFUNDABLE}, …); a
     * payment that is not the merchant's is not found.
     */
    public Refund refundFromConsole(String merchantId, String paymentId, Money amount, String reason) {
        return refundFromConsole(merchantId, paymentId, amount, reason, null);
    }

    /**
     * As {@link #refundFromConsole(String, String, Money, String)}, with the key of the form it was sent from as the
     * refund number ({@code con_<key>}): the same form sent twice refunds once (the second answers the first refund).
     */
    public Refund refundFromConsole(
            String merchantId, String paymentId, Money amount, String reason, @Nullable String requestKey) {
        Optional<MerchantId> merchant = MerchantId.parse(merchantId);
        Optional<PaymentId> payment = PaymentId.parse(paymentId);
        OrderRow order = merchant.flatMap(m -> payment.flatMap(p -> payments.order(m, p)))
                .orElseThrow(() -> ApiException.notFound("payment", LogValues.safe(paymentId, 64)));
        MerchantCaller caller =
                new MerchantCaller(order.merchantId().value(), order.appId().value());
        return refund(
                caller,
                order.id(),
                new RefundRequest(
                        requestKey == null ? Ids.next("con") : "con_" + requestKey,
                        amount.minor(),
                        consoleReason(reason)),
                "refund by the merchant's staff in the console");
    }

    /**
     * {@link #refund(MerchantCaller, PaymentId, RefundRequest)}, recorded in the audit trail in the refund's
     * transaction when {@code auditSummary} is given (a refund made in the console: who made it is the console's
     * user); the merchant API's own refunds are the app's, in the refund table.
     */
    Refund refund(MerchantCaller caller, PaymentId paymentId, RefundRequest request, @Nullable String auditSummary) {
        if (!OutRefundNo.isValid(request.outRefundNo())) {
            throw ApiException.invalid("out_refund_no", "is required: letters, digits and _-*@| only, at most 64");
        }
        if (request.amount() == null || request.amount() <= 0) {
            throw ApiException.invalid("amount", "must be a positive number of fen");
        }
        OrderRow order = payments.order(caller.merchant(), paymentId)
                .orElseThrow(() -> ApiException.notFound("payment", paymentId.value()));
        OutRefundNo outRefundNo = OutRefundNo.of(Objects.requireNonNull(request.outRefundNo(), "checked valid above"));
        Money amount = Money.of(request.amount(), order.amount().currency());
        var existing = refunds.byOutRefundNo(caller.app(), outRefundNo);
        if (existing.isPresent()) {
            return sameOrConflict(existing.get(), paymentId, amount, outRefundNo);
        }
        Instant now = clock.instant();
        NewRefund created = transactions.execute(status -> {
            OrderRow locked = payments.lockOrder(order.id());
            requireRefundable(locked, amount, now);
            if (!payments.reserveRefund(order.id(), amount, MAX_REFUNDS_PER_PAYMENT, now)) {
                throw exceedsPaid(amount, locked);
            }
            NewRefund refund = NewRefund.requested(locked, outRefundNo, amount, request.reason(), now);
            if (!refunds.insert(refund, now.plus(SUBMISSION_LEASE))) {
                status.setRollbackOnly();
                return null;
            }
            if (auditSummary != null) {
                audit.record(audited(refund, auditSummary));
            }
            return refund;
        });
        if (created == null) {
            // the same refund number arrived twice at once: the other request created it
            return sameOrConflict(
                    refunds.byOutRefundNo(caller.app(), outRefundNo).orElseThrow(), paymentId, amount, outRefundNo);
        }
        submit(created.id());
        return Refund.of(refunds.byId(created.id()).orElseThrow());
    }

    public List<Refund> refundsOf(MerchantCaller caller, PaymentId paymentId) {
        payments.order(caller.merchant(), paymentId)
                .orElseThrow(() -> ApiException.notFound("payment", paymentId.value()));
        return refunds.ofPayment(paymentId).stream().map(Refund::of).toList();
    }

    /** Asks the channel to refund; safe to repeat, since the channel deduplicates by our refund id. */
    void submit(RefundId refundId) {
        RefundRow refund = refunds.byId(refundId).orElseThrow();
        if (refund.status() != RefundStatus.PENDING) {
            return;
        }
        AttemptRow attempt = payments.attempt(refund.attemptId()).orElseThrow();
        RefundResult result = gateways.of(attempt.payWay())
                .refund(new RefundCommand(
                        refund.appId(),
                        attempt.payWay(),
                        attempt.id().asOutTradeNo(),
                        refund.id().asOutRefundNo(),
                        refund.amount(),
                        attempt.amount(),
                        refund.reason()));
        Instant now = clock.instant();
        RefundRef ref = new RefundRef(
                refund.appId(),
                attempt.payWay(),
                attempt.id().asOutTradeNo(),
                refund.id().asOutRefundNo());
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

    private static AuditChange audited(NewRefund refund, String summary) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("payment_id", refund.paymentId().value());
        after.put("out_refund_no", refund.outRefundNo().value());
        after.put("amount", refund.amount().minor());
        after.put("reason", refund.reason() == null ? "" : refund.reason());
        return AuditChange.of("refund.created", "refund", refund.id().value())
                .merchant(refund.merchantId().value())
                .after(after)
                .summary(summary);
    }

    /** As typed, less a NUL (which PostgreSQL refuses), clipped to what WeChat Pay takes. */
    static String consoleReason(String reason) {
        String kept = reason.strip().replace("\0", "");
        return kept.length() > MAX_REASON ? kept.substring(0, MAX_REASON) : kept;
    }

    private void requireRefundable(OrderRow order, Money amount, Instant now) {
        if (order.status() != PaymentStatus.PAID) {
            throw ApiException.rule("PAYMENT_NOT_PAID", "payment " + order.id() + " is " + order.status());
        }
        if (!order.refundable()) {
            throw ApiException.rule("PAYMENT_NOT_REFUNDABLE", "the channel no longer accepts refunds for this payment");
        }
        Instant paidAt = Objects.requireNonNull(order.paid(), "a PAID order has its payment")
                .at();
        if (paidAt.plus(REFUND_WINDOW).isBefore(now)) {
            throw ApiException.rule("REFUND_WINDOW_CLOSED", "refunds are accepted within a year of payment");
        }
        if (order.refunded().count() >= MAX_REFUNDS_PER_PAYMENT) {
            throw ApiException.rule("TOO_MANY_REFUNDS", "at most " + MAX_REFUNDS_PER_PAYMENT + " refunds per payment");
        }
        if (amount.isGreaterThan(order.refundableAmount())) {
            throw exceedsPaid(amount, order);
        }
    }

    private static ApiException exceedsPaid(Money amount, OrderRow order) {
        return ApiException.rule(
                "REFUND_EXCEEDS_PAID",
                "refunding " + amount.minor() + " fen would exceed the "
                        + order.refundableAmount().minor() + " fen still refundable");
    }

    private static Refund sameOrConflict(
            RefundRow existing, PaymentId paymentId, Money amount, OutRefundNo outRefundNo) {
        if (!existing.paymentId().equals(paymentId) || !existing.amount().equals(amount)) {
            throw ApiException.conflict(
                    "OUT_REFUND_NO_REUSED", "out_refund_no " + outRefundNo + " was used for another refund");
        }
        return Refund.of(existing);
    }
}
