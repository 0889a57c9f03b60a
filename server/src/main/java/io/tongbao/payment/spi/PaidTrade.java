package io.tongbao.payment.spi;

import io.tongbao.shared.money.Money;
import java.time.Instant;

/**
 * A trade the channel says is paid. {@code finished}: no refund is possible any more (Alipay TRADE_FINISHED).
 *
 * @param appIdAtChannel the channel app id / mchid the channel named, checked against the account
 */
public record PaidTrade(String channelTransactionId, Money amount, Instant paidAt, boolean finished,
                        String appIdAtChannel) {
}
