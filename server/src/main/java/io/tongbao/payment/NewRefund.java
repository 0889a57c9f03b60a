package io.tongbao.payment;

import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.AttemptId;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.OutRefundNo;
import io.tongbao.shared.id.PaymentId;
import io.tongbao.shared.id.RefundId;
import io.tongbao.shared.money.Money;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A refund about to be recorded: what is known of it before the channel is asked. It is stored PENDING, not yet
 * submitted; from then on it is a {@link RefundRow}.
 */
record NewRefund(
        RefundId id,
        PaymentId paymentId,
        AttemptId attemptId,
        MerchantId merchantId,
        AppId appId,
        OutRefundNo outRefundNo,
        Money amount,
        @Nullable String reason,
        boolean automatic,
        Instant createdAt) {

    /** The merchant's refund of part or all of {@code order}'s paid attempt. */
    static NewRefund requested(
            OrderRow order, OutRefundNo outRefundNo, Money amount, @Nullable String reason, Instant now) {
        OrderRow.Paid paid = Objects.requireNonNull(order.paid(), "only a paid order is refunded");
        return new NewRefund(
                RefundId.next(),
                order.id(),
                paid.attemptId(),
                order.merchantId(),
                order.appId(),
                outRefundNo,
                amount,
                reason,
                false,
                now);
    }

    /** Tongbao's own refund of all of {@code attempt}, numbered after it so that there is at most one. */
    static NewRefund automatic(OrderRow order, AttemptRow attempt, String reason, Instant now) {
        return new NewRefund(
                RefundId.next(),
                order.id(),
                attempt.id(),
                order.merchantId(),
                order.appId(),
                OutRefundNo.of("auto-" + attempt.id()),
                attempt.amount(),
                reason,
                true,
                now);
    }
}
