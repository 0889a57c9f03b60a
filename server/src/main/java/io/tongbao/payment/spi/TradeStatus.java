package io.tongbao.payment.spi;

/** A trade's state as the channel reports it on query. */
public sealed interface TradeStatus {

    record NotPaid() implements TradeStatus {}

    record Paid(PaidTrade trade) implements TradeStatus {}

    /** Closed or cancelled at the channel (TRADE_CLOSED, CLOSED, REVOKED, PAYERROR). */
    record Closed(String reason) implements TradeStatus {}

    record NotFound() implements TradeStatus {}

    record Unknown(String reason) implements TradeStatus {}
}
