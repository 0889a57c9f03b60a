package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutRefundNo;
import io.tongbao.shared.id.OutTradeNo;

/** A refund at the channel: Tongbao's refund id is the {@code out_request_no} / {@code out_refund_no}. */
public record RefundRef(AppId appId, PayWay payWay, OutTradeNo outTradeNo, OutRefundNo outRefundNo) {
}
