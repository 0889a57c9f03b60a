package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.payment.TimelineEntry.Kind;
import io.tongbao.shared.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A payment's timeline, made from the rows that exist: each time column that is set is one thing that happened. A
 * FAILED attempt or refund has no time of its own for failing; its {@code updated_at} is when its status last moved.
 */
final class Timeline {

    private static final Comparator<TimelineEntry> ORDER = Comparator.comparing(TimelineEntry::at)
            .thenComparing(TimelineEntry::kind)
            .thenComparing(TimelineEntry::subjectId);

    private final List<TimelineEntry> entries = new ArrayList<>();

    private Timeline() {}

    static List<TimelineEntry> of(
            PaymentSummary payment,
            List<AttemptView> attempts,
            List<RefundSummary> refunds,
            List<PaymentExceptionView> exceptions) {
        Timeline timeline = new Timeline();
        timeline.payment(payment);
        attempts.forEach(timeline::attempt);
        refunds.forEach(timeline::refund);
        exceptions.forEach(timeline::exception);
        return timeline.entries.stream().sorted(ORDER).toList();
    }

    private void payment(PaymentSummary payment) {
        add(payment.createdAt(), Kind.PAYMENT_CREATED, payment.id(), money(payment.amount()) + " " + payment.payWay());
        add(payment.closedAt(), Kind.PAYMENT_CLOSED, payment.id(), "");
    }

    private void attempt(AttemptView attempt) {
        add(attempt.createdAt(), Kind.ATTEMPT_OPENED, attempt.id(), attempt.payWay() + " " + money(attempt.amount()));
        add(
                notBefore(attempt.paidAt(), attempt.createdAt()),
                Kind.ATTEMPT_PAID,
                attempt.id(),
                orEmpty(attempt.channelTradeNo()));
        add(notBefore(attempt.closedAt(), attempt.createdAt()), Kind.ATTEMPT_CLOSED, attempt.id(), "");
        if (attempt.status() == AttemptStatus.FAILED) {
            add(
                    attempt.updatedAt(),
                    Kind.ATTEMPT_FAILED,
                    attempt.id(),
                    failure(attempt.failureCode(), attempt.failureMessage()));
        }
    }

    private void refund(RefundSummary refund) {
        String requested =
                money(refund.amount()) + (refund.automatic() ? " automatic" : "") + " " + refund.outRefundNo();
        add(refund.createdAt(), Kind.REFUND_REQUESTED, refund.id(), requested);
        add(
                notBefore(refund.succeededAt(), refund.createdAt()),
                Kind.REFUND_SUCCEEDED,
                refund.id(),
                orEmpty(refund.channelRefundId()));
        if (refund.status() == RefundStatus.FAILED) {
            add(
                    refund.updatedAt(),
                    Kind.REFUND_FAILED,
                    refund.id(),
                    failure(refund.failureCode(), refund.failureMessage()));
        }
    }

    private void exception(PaymentExceptionView exception) {
        add(
                exception.createdAt(),
                Kind.EXCEPTION_RECORDED,
                exception.id(),
                exception.kind() + " " + orEmpty(exception.resolution()));
        add(exception.resolvedAt(), Kind.EXCEPTION_RESOLVED, exception.id(), orEmpty(exception.resolvedBy()));
    }

    /**
     * A channel's time (paid, refunded) is in whole seconds and may read earlier than our own record of asking,
     * made a few milliseconds later in the same second: shown as its consequence, never before the step it follows.
     */
    private static @Nullable Instant notBefore(@Nullable Instant at, Instant earliest) {
        return at == null || !at.isBefore(earliest) ? at : earliest;
    }

    private void add(@Nullable Instant at, Kind kind, String subjectId, String detail) {
        if (at != null) {
            entries.add(new TimelineEntry(at, kind, subjectId, detail.strip()));
        }
    }

    private static String money(Money amount) {
        return amount.toDecimal() + " " + amount.currency().name();
    }

    private static String failure(@Nullable String code, @Nullable String message) {
        return (orEmpty(code) + " " + orEmpty(message)).strip();
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
