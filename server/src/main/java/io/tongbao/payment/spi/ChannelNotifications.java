package io.tongbao.payment.spi;

/**
 * What a channel adapter calls once a notification's signature verified. The payment module checks the rest
 * (that the trade is ours, the amount, the app) and applies it exactly once; duplicates are answered as accepted.
 */
public interface ChannelNotifications {

    Outcome tradePaid(TradeRef trade, PaidTrade paid);

    Outcome refundSucceeded(RefundRef refund, String channelRefundId, java.time.Instant at);

    Outcome refundFailed(RefundRef refund, String code, String message);

    /**
     * A notification the adapter refused before it could mean anything (its signature, its freshness, the channel
     * account it names): recorded for the operator as a security exception, nothing else changes. The channel is
     * answered with failure, so a genuine notification that failed a check comes again.
     *
     * @param claimedOutTradeNo what the notification says it is about, when it can be read; unverified
     */
    void rejected(String appId, String claimedOutTradeNo, Rejection why, String detail);

    enum Rejection { INVALID_SIGNATURE, STALE_TIMESTAMP, ACCOUNT_MISMATCH }

    /** ACCEPTED: answer the channel with success (also for a duplicate). REJECTED: answer failure, change nothing. */
    enum Outcome { ACCEPTED, REJECTED }
}
