package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutRefundNo;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.money.Money;
import org.jspecify.annotations.Nullable;

/** Refund part or all of a paid trade; {@code outRefundNo} makes a retry safe at the channel. */
public record RefundCommand(
        AppId appId,
        PayWay payWay,
        OutTradeNo outTradeNo,
        OutRefundNo outRefundNo,
        Money refundAmount,
        Money totalAmount,
        @Nullable String reason) {}
