package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.money.Money;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A payment order as a console list shows it. {@code payWay} is the way it was ordered with (its attempts may use
 * others: {@link PaymentDetail#attempts}); {@code refunded} is what is reserved for refunds so far; {@code fee} is
 * null when the app had no rate for the pay way.
 */
public record PaymentSummary(
        String id,
        String merchantId,
        String appId,
        String outTradeNo,
        String subject,
        Money amount,
        PayWay payWay,
        PaymentStatus status,
        Instant createdAt,
        @Nullable Instant paidAt,
        @Nullable Instant closedAt,
        Money refunded,
        @Nullable Money fee) {

    static PaymentSummary of(OrderRow order) {
        OrderRow.Paid paid = order.paid();
        OrderRow.Fee fee = order.fee();
        return new PaymentSummary(
                order.id().value(),
                order.merchantId().value(),
                order.appId().value(),
                order.outTradeNo().value(),
                order.terms().subject(),
                order.amount(),
                order.payWay(),
                order.status(),
                order.createdAt(),
                paid == null ? null : paid.at(),
                order.closedAt(),
                order.refunded().amount(),
                fee == null ? null : fee.amount());
    }
}
