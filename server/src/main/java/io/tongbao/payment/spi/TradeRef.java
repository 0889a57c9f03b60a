package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;

/** A trade at the channel: Tongbao's attempt id is the {@code out_trade_no} the channel knows. */
public record TradeRef(String appId, PayWay payWay, String outTradeNo) {
}
