package io.tongbao.payment.spi;

import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.OutRefundNo;
import io.tongbao.shared.id.OutTradeNo;
import org.jspecify.annotations.Nullable;

/**
 * A refund at the channel: Tongbao's refund id is the {@code out_request_no} / {@code out_refund_no}. From a
 * notification the pay way is null: a notification does not name it.
 */
public record RefundRef(AppId appId, @Nullable PayWay payWay, OutTradeNo outTradeNo, OutRefundNo outRefundNo) {}
