package io.tongbao.payment.spi;

/**
 * What a channel adapter calls once a notification's signature verified. The payment module checks the rest
 * (that the trade is ours, the amount, the app) and applies it exactly once; duplicates are answered as accepted.
 */
public interface ChannelNotifications {

    Outcome tradePaid(TradeRef trade, PaidTrade paid);

    Outcome refundSucceeded(RefundRef refund, String channelRefundId, java.time.Instant at);

    Outcome refundFailed(RefundRef refund, String code, String message);

    /** ACCEPTED: answer the channel with success (also for a duplicate). REJECTED: answer failure, change nothing. */
    enum Outcome { ACCEPTED, REJECTED }
}
