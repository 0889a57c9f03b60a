package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.RefundApproval.Status;
import io.tongbao.payment.Refunds.RefundRequest;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.log.LogValues;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import io.tongbao.shared.web.ApiException;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds an operator makes from the console, on the merchant's behalf, through the merchant's own refund path
 * ({@link Refunds}: the same checks, the same reservation against what was paid). Below the approval threshold
 * ({@code tongbao.payments.refund-approval-threshold}) one goes through at once; at or above it, it waits until a
 * different operator approves it, and is made once, however many approve. Each request, decision and refund is in the
 * audit trail, recorded in the transaction of the change.
 */
@Service
public class OperatorRefunds {

    static final int MAX_PENDING_LISTED = 200;

    private final Refunds refunds;
    private final PaymentStore payments;
    private final RefundApprovalStore approvals;
    private final RefundApprovalProperties properties;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    OperatorRefunds(
            Refunds refunds,
            PaymentStore payments,
            RefundApprovalStore approvals,
            RefundApprovalProperties properties,
            TransactionTemplate transactions,
            AuditTrail audit,
            Clock clock) {
        this.refunds = refunds;
        this.payments = payments;
        this.approvals = approvals;
        this.properties = properties;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    public enum Outcome {
        /** The refund was made (it is PENDING until the channel confirms): {@link Result#refund}. */
        REFUNDED,
        /** Stored for a second operator: {@link Result#approval}. */
        AWAITING_APPROVAL,
        /** The refund path refused it: {@link Result#code} and {@link Result#message} say why. */
        REFUSED,
        /** The request was turned down now: {@link Result#approval}. */
        REJECTED,
        /** An operator cannot approve (or reject) their own request. */
        SAME_OPERATOR,
        /** Approved or rejected before: nothing was done now. */
        ALREADY_DECIDED,
        /** No such payment, or no such request. */
        NOT_FOUND
    }

    /** What happened; the fields that do not apply to the outcome are null. */
    public record Result(
            Outcome outcome,
            @Nullable Refund refund,
            @Nullable RefundApproval approval,
            @Nullable String code,
            @Nullable String message) {

        static Result of(Outcome outcome) {
            return new Result(outcome, null, null, null, null);
        }

        static Result refused(String code, String message) {
            return new Result(Outcome.REFUSED, null, null, code, message);
        }
    }

    /** The amount from which a refund waits for approval. */
    public Money approvalThreshold() {
        return Money.of(properties.refundApprovalThreshold(), Currency.CNY);
    }

    public Result request(String paymentId, Money amount, String reason, String requestedBy) {
        return request(paymentId, amount, reason, requestedBy, null);
    }

    /**
     * As {@link #request(String, Money, String, String)}, with the key of the form it was sent from: a refund made
     * at once takes {@code opr_<key>} as its refund number, so the same form sent twice (a double click, a reload)
     * refunds once. Without a key each call is a new refund.
     */
    public Result request(
            String paymentId, Money amount, String reason, String requestedBy, @Nullable String requestKey) {
        String operator = requireOperator(requestedBy);
        String why = reason(reason);
        Optional<OrderRow> found = PaymentId.parse(paymentId).flatMap(payments::orderById);
        if (found.isEmpty()) {
            return Result.of(Outcome.NOT_FOUND);
        }
        OrderRow order = found.get();
        if (amount.minor() <= 0 || amount.currency() != order.amount().currency()) {
            return Result.refused("INVALID_AMOUNT", "a refund is a positive amount in the payment's currency");
        }
        if (amount.minor() < properties.refundApprovalThreshold()) {
            String outRefundNo = requestKey == null ? Ids.next("opr") : "opr_" + requestKey;
            return execute(order, outRefundNo, amount, why, "operator refund by " + operator);
        }
        Optional<Result> refused = refusedNow(order, amount);
        if (refused.isPresent()) {
            return refused.get();
        }
        String id = Ids.next("rfa");
        transactions.executeWithoutResult(status -> {
            approvals.insert(id, order, amount.minor(), why, operator, clock.instant());
            audit.record(AuditChange.of("refund_approval.requested", "refund_approval", id)
                    .merchant(order.merchantId().value())
                    .after(Map.of("payment_id", order.id().value(), "amount", amount.minor(), "reason", why))
                    .summary("operator refund awaiting a second operator's approval"));
        });
        return new Result(Outcome.AWAITING_APPROVAL, null, approvals.byId(id).orElseThrow(), null, null);
    }

    /**
     * Approves a waiting request and makes its refund, once: the request leaves PENDING by one guarded UPDATE, so of
     * two approvals at once one makes the refund and the other answers {@link Outcome#ALREADY_DECIDED}.
     */
    public Result approve(String requestId, String approvedBy) {
        String operator = requireOperator(approvedBy);
        if (!Ids.isMinted(requestId, "rfa")) {
            return Result.of(Outcome.NOT_FOUND);
        }
        Optional<RefundApproval> approved = decide(requestId, Status.APPROVED, operator);
        if (approved.isEmpty()) {
            return whyUndecided(requestId, operator);
        }
        RefundApproval approval = approved.get();
        OrderRow order = payments.orderById(PaymentId.of(approval.paymentId())).orElseThrow();
        Result result = execute(
                order,
                approval.id(),
                approval.amount(),
                approval.reason(),
                "operator refund by " + approval.requestedBy() + ", approved by " + operator);
        Refund refund = result.refund();
        if (refund != null) {
            approvals.refunded(approval.id(), refund.id());
        } else {
            transactions.executeWithoutResult(status -> {
                approvals.failed(approval.id(), String.valueOf(result.code()), result.message());
                audit.record(AuditChange.of("refund_approval.failed", "refund_approval", approval.id())
                        .merchant(approval.merchantId())
                        .after(Map.of("code", String.valueOf(result.code())))
                        .summary("approved, but the refund was refused"));
            });
        }
        return new Result(
                result.outcome(), refund, approvals.byId(approval.id()).orElseThrow(), result.code(), result.message());
    }

    /** Turns a waiting request down; by another operator than the one who asked, as an approval. */
    public Result reject(String requestId, String rejectedBy) {
        String operator = requireOperator(rejectedBy);
        if (!Ids.isMinted(requestId, "rfa")) {
            return Result.of(Outcome.NOT_FOUND);
        }
        return decide(requestId, Status.REJECTED, operator)
                .map(rejected -> new Result(Outcome.REJECTED, null, rejected, null, null))
                .orElseGet(() -> whyUndecided(requestId, operator));
    }

    /** The requests waiting for approval, oldest first (at most {@value #MAX_PENDING_LISTED}). */
    public List<RefundApproval> pending() {
        return approvals.pending(MAX_PENDING_LISTED);
    }

    public Optional<RefundApproval> approval(String requestId) {
        return approvals.byId(requestId);
    }

    /** The request leaves PENDING and its decision is audited, in one transaction. */
    private Optional<RefundApproval> decide(String requestId, Status to, String operator) {
        return Objects.requireNonNull(transactions.execute(status -> {
            Optional<RefundApproval> decided = approvals.decide(requestId, to, operator, clock.instant());
            decided.ifPresent(approval -> audit.record(AuditChange.of(
                            "refund_approval." + to.name().toLowerCase(Locale.ROOT), "refund_approval", requestId)
                    .merchant(approval.merchantId())
                    .before(Map.of("status", Status.PENDING.name()))
                    .after(Map.of("status", to.name()))));
            return decided;
        }));
    }

    private Result execute(OrderRow order, String outRefundNo, Money amount, String reason, String auditSummary) {
        MerchantCaller merchant =
                new MerchantCaller(order.merchantId().value(), order.appId().value());
        try {
            Refund refund = refunds.refund(
                    merchant, order.id(), new RefundRequest(outRefundNo, amount.minor(), reason), auditSummary);
            return new Result(Outcome.REFUNDED, refund, null, null, null);
        } catch (ApiException refused) {
            return Result.refused(refused.code(), refused.getMessage());
        }
    }

    /** What the refund path would refuse now; checked again, under its lock, when the refund is made. */
    private static Optional<Result> refusedNow(OrderRow order, Money amount) {
        if (order.status() != PaymentStatus.PAID) {
            return Optional.of(Result.refused("PAYMENT_NOT_PAID", "payment " + order.id() + " is " + order.status()));
        }
        if (amount.isGreaterThan(order.refundableAmount())) {
            return Optional.of(Result.refused(
                    "REFUND_EXCEEDS_PAID",
                    "refunding " + amount.minor() + " fen would exceed the "
                            + order.refundableAmount().minor() + " fen still refundable"));
        }
        return Optional.empty();
    }

    private Result whyUndecided(String requestId, String operator) {
        return approvals
                .byId(requestId)
                .map(request -> request.status() == Status.PENDING
                                && request.requestedBy().equals(operator)
                        ? Result.of(Outcome.SAME_OPERATOR)
                        : new Result(Outcome.ALREADY_DECIDED, null, request, null, null))
                .orElseGet(() -> Result.of(Outcome.NOT_FOUND));
    }

    /** Who acts, as the console's session names them; escaped and clipped like any recorded value from outside. */
    private static String requireOperator(String operator) {
        if (operator.isBlank()) {
            throw new IllegalArgumentException("the operator is recorded: it is required");
        }
        return LogValues.safe(operator.strip(), 200);
    }

    /** As typed, less a NUL (which PostgreSQL refuses) and clipped to what WeChat Pay takes (80 characters). */
    private static String reason(String reason) {
        return Refunds.consoleReason(reason);
    }
}
