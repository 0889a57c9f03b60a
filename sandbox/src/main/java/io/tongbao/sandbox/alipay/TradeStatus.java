package io.tongbao.sandbox.alipay;

/** Alipay's trade states. TRADE_SUCCESS and TRADE_FINISHED both mean paid; only the first can still be refunded. */
enum TradeStatus {
    WAIT_BUYER_PAY,
    TRADE_CLOSED,
    TRADE_SUCCESS,
    TRADE_FINISHED
}
