package io.tongbao.payment.spi;

import io.tongbao.shared.money.Money;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A trade the channel says is paid. {@code finished}: no refund is possible any more (Alipay TRADE_FINISHED).
 *
 * @param channelTransactionId the channel's number for the trade; null when a notification did not give it
 * @param paidAt         null when the channel did not say
 * @param appIdAtChannel the channel app id / mchid the channel named, checked against the account
 */
public record PaidTrade(
        @Nullable String channelTransactionId,
        Money amount,
        @Nullable Instant paidAt,
        boolean finished,
        String appIdAtChannel) {}
