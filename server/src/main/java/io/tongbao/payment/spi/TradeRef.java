package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutTradeNo;
import org.jspecify.annotations.Nullable;

/**
 * A trade at the channel: Tongbao's attempt id is the {@code out_trade_no} the channel knows. From a notification
 * the number is what the channel says, which need not be an attempt of Tongbao's, and the pay way is null: a
 * notification does not name it.
 */
public record TradeRef(AppId appId, @Nullable PayWay payWay, OutTradeNo outTradeNo) {}
