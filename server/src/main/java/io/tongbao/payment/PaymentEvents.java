package io.tongbao.payment;

import io.tongbao.shared.PayWay;
import java.time.Instant;

/**
 * What the payment module announces, each in the transaction of the change it reports. Facts about the payment only:
 * where a webhook goes is the webhook module's business ({@link Payments#notifyUrl}).
 */
public final class PaymentEvents {

    private PaymentEvents() {
    }

    public record PaymentSucceeded(String paymentId, String merchantId, String appId, String outTradeNo, long amount,
                                   String currency, PayWay payWay, String attemptId, String channelTransactionId,
                                   Instant paidAt) {
    }

    public record PaymentClosed(String paymentId, String merchantId, String appId, String outTradeNo,
                                Instant closedAt) {
    }

    /** Money arrived where it was not expected (a second paid attempt, a success after close). */
    public record PaymentExceptionRaised(String exceptionId, String merchantId, String appId, String paymentId,
                                         String outTradeNo, String attemptId, String kind, long amount,
                                         String resolution, Instant raisedAt) {
    }

    public record RefundSucceeded(String refundId, String paymentId, String merchantId, String appId,
                                  String outTradeNo, String outRefundNo, long amount, boolean automatic,
                                  Instant succeededAt) {
    }

    public record RefundFailed(String refundId, String paymentId, String merchantId, String appId, String outTradeNo,
                               String outRefundNo, long amount, String code, String message, Instant failedAt) {
    }
}
