package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;

/** A refund at the channel: Tongbao's refund id is the {@code out_request_no} / {@code out_refund_no}. */
public record RefundRef(String appId, PayWay payWay, String outTradeNo, String outRefundNo) {
}
