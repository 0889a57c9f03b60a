package io.tongbao.payment.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a channel adapter calls once a notification's signature verified. The payment module checks the rest
 * (that the trade is ours, the amount, the app) and applies it exactly once; duplicates are answered as accepted.
 */
public interface ChannelNotifications {

    Outcome tradePaid(TradeRef trade, PaidTrade paid);

    /** {@code channelRefundId} and {@code at}: null when the channel did not say. */
    Outcome refundSucceeded(RefundRef refund, @Nullable String channelRefundId, @Nullable Instant at);

    Outcome refundFailed(RefundRef refund, String code, String message);

    /**
     * A notification the adapter refused before it could mean anything (its form, its size, its signature, its
     * freshness, the channel account it names): recorded for the operator as a security exception, nothing else
     * changes. The channel is answered with failure, so a genuine notification that failed a check comes again.
     * Anyone can post these, so they are sampled: at most one record a minute per channel, app and reason, with the
     * number of occurrences on it.
     *
     * @param channel           {@code alipay} or {@code wechatpay}
     * @param claimedOutTradeNo what the notification says it is about, when it can be read; unverified
     * @param detail            what was wrong; may quote what the notification says (it is escaped and clipped)
     */
    void rejected(String channel, String appId, @Nullable String claimedOutTradeNo, Rejection why, String detail);

    /**
     * MALFORMED: not a notification at all (bad encoding, NUL, too many fields, not JSON, too deep). TOO_LARGE: over
     * the size limit. UNDECRYPTABLE: validly signed, but its resource does not decrypt with the app's key (another
     * merchant's notification).
     */
    enum Rejection {
        MALFORMED,
        TOO_LARGE,
        INVALID_SIGNATURE,
        STALE_TIMESTAMP,
        ACCOUNT_MISMATCH,
        UNDECRYPTABLE
    }

    /** ACCEPTED: answer the channel with success (also for a duplicate). REJECTED: answer failure, change nothing. */
    enum Outcome {
        ACCEPTED,
        REJECTED
    }
}
