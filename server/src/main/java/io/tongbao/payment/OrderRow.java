package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.shared.PayWay;
import java.time.Instant;

/** A payment order as stored. */
record OrderRow(String id, String merchantId, String appId, String outTradeNo, long amount, String currency,
                String subject, String description, String metadataJson, String notifyUrl, String returnUrl,
                String requestHash, PaymentStatus status, PayWay payWay, Instant expiresAt, Instant paidAt,
                String paidAttemptId, Instant closedAt, boolean refundable, long amountRefunded, int refundCount,
                Integer feeRatePpm, Long fee, Instant createdAt) {
}
