package io.tongbao.payment;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.money.Money;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the payment module announces, each in the transaction of the change it reports. Facts about the payment only:
 * where a webhook goes is the webhook module's business ({@link Payments#notifyUrl}).
 *
 * <p>Each event is also a webhook's {@code data} as it is sent, so its fields keep the wire's plain forms (ids as
 * strings, amounts in minor units with the currency's code); the factories below are where the payment module's
 * typed ids and {@link Money} turn into them.
 */
public final class PaymentEvents {

    private PaymentEvents() {}

    static PaymentSucceeded succeeded(
            OrderRow order, AttemptRow attempt, @Nullable String channelTransactionId, Instant paidAt) {
        return new PaymentSucceeded(
                order.id().value(),
                order.merchantId().value(),
                order.appId().value(),
                order.outTradeNo().value(),
                order.amount().minor(),
                order.amount().currency().name(),
                attempt.payWay(),
                attempt.id().value(),
                channelTransactionId,
                paidAt);
    }

    static PaymentClosed closed(OrderRow order, Instant closedAt) {
        return new PaymentClosed(
                order.id().value(),
                order.merchantId().value(),
                order.appId().value(),
                order.outTradeNo().value(),
                closedAt);
    }

    static PaymentExceptionRaised exceptionRaised(
            String exceptionId, OrderRow order, AttemptRow attempt, String kind, String resolution, Instant raisedAt) {
        return new PaymentExceptionRaised(
                exceptionId,
                order.merchantId().value(),
                order.appId().value(),
                order.id().value(),
                order.outTradeNo().value(),
                attempt.id().value(),
                kind,
                attempt.amount().minor(),
                resolution,
                raisedAt);
    }

    static RefundSucceeded refundSucceeded(RefundRow refund, OrderRow order, Instant succeededAt) {
        return new RefundSucceeded(
                refund.id().value(),
                refund.paymentId().value(),
                refund.merchantId().value(),
                refund.appId().value(),
                order.outTradeNo().value(),
                refund.outRefundNo().value(),
                refund.amount().minor(),
                refund.automatic(),
                succeededAt);
    }

    static RefundFailed refundFailed(RefundRow refund, OrderRow order, String code, String message, Instant failedAt) {
        return new RefundFailed(
                refund.id().value(),
                refund.paymentId().value(),
                refund.merchantId().value(),
                refund.appId().value(),
                order.outTradeNo().value(),
                refund.outRefundNo().value(),
                refund.amount().minor(),
                code,
                message,
                failedAt);
    }

    public record PaymentSucceeded(
            String paymentId,
            String merchantId,
            String appId,
            String outTradeNo,
            long amount,
            String currency,
            PayWay payWay,
            String attemptId,
            @Nullable String channelTransactionId,
            Instant paidAt) {}

    public record PaymentClosed(
            String paymentId, String merchantId, String appId, String outTradeNo, Instant closedAt) {}

    /** Money arrived where it was not expected (a second paid attempt, a success after close). */
    public record PaymentExceptionRaised(
            String exceptionId,
            String merchantId,
            String appId,
            String paymentId,
            String outTradeNo,
            String attemptId,
            String kind,
            long amount,
            String resolution,
            Instant raisedAt) {}

    public record RefundSucceeded(
            String refundId,
            String paymentId,
            String merchantId,
            String appId,
            String outTradeNo,
            String outRefundNo,
            long amount,
            boolean automatic,
            Instant succeededAt) {}

    public record RefundFailed(
            String refundId,
            String paymentId,
            String merchantId,
            String appId,
            String outTradeNo,
            String outRefundNo,
            long amount,
            String code,
            String message,
            Instant failedAt) {}
}
