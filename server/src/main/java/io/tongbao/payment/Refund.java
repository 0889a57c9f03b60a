package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import java.time.Instant;

/** A refund as the merchant sees it. PENDING until the channel confirms (notification or query). */
public record Refund(String id, String paymentId, String outRefundNo, long amount, String reason, RefundStatus status,
                     boolean automatic, String failureCode, String failureMessage, Instant createdAt,
                     Instant succeededAt) {

    static Refund of(RefundRow row) {
        return new Refund(row.id(), row.paymentId(), row.outRefundNo(), row.amount(), row.reason(), row.status(),
                row.automatic(), row.failureCode(), row.failureMessage(), row.createdAt(), row.succeededAt());
    }
}
