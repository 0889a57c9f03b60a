package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import java.time.Instant;

record RefundRow(String id, String paymentId, String attemptId, String merchantId, String appId, String outRefundNo,
                 long amount, String reason, RefundStatus status, boolean automatic, String failureCode,
                 String failureMessage, String channelRefundId, Instant submittedAt, Instant createdAt,
                 Instant succeededAt) {
}
