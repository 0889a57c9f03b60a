package io.tongbao.payment;

import java.time.Instant;

/**
 * One thing that happened to a payment, for its detail page's timeline. {@code kind} is what the console translates;
 * {@code subjectId} the attempt, refund or exception it is about (the payment's own id for the payment's entries);
 * {@code detail} short data beside it (amounts, pay way, the channel's failure code), not a sentence.
 */
public record TimelineEntry(Instant at, Kind kind, String subjectId, String detail) {

    /** In the order that things happening at the same instant are listed. */
    public enum Kind {
        PAYMENT_CREATED,
        ATTEMPT_OPENED,
        ATTEMPT_FAILED,
        ATTEMPT_CLOSED,
        ATTEMPT_PAID,
        PAYMENT_CLOSED,
        EXCEPTION_RECORDED,
        REFUND_REQUESTED,
        REFUND_SUCCEEDED,
        REFUND_FAILED,
        EXCEPTION_RESOLVED
    }
}
