package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;

/** Refund part or all of a paid trade; {@code outRefundNo} makes a retry safe at the channel. */
public record RefundCommand(String appId, PayWay payWay, String outTradeNo, String outRefundNo, long refundAmount,
                            long totalAmount, String reason) {
}
