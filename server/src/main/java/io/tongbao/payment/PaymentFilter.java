package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.OutTradeNo;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which payments a console list shows; every field optional. {@code merchantId} is the scope: a merchant user's
 * console passes its own merchant id and sees nothing of another's; null is the operator, all merchants (a blank
 * scope is not null: it matches nothing). The other text fields are trimmed, blank is no filter, and a value that
 * cannot be an id of its kind matches nothing. {@code channelTradeNo} matches any attempt's channel trade number;
 * the creation range is half-open, [from, to); amounts are minor units (fen), both ends included.
 */
public record PaymentFilter(
        @Nullable String merchantId,
        @Nullable String appId,
        @Nullable String paymentId,
        @Nullable String outTradeNo,
        @Nullable String channelTradeNo,
        @Nullable PayWay payWay,
        @Nullable PaymentStatus status,
        @Nullable Instant createdFrom,
        @Nullable Instant createdTo,
        @Nullable Long amountMin,
        @Nullable Long amountMax) {

    public PaymentFilter {
        appId = FilterText.optional(appId);
        paymentId = FilterText.optional(paymentId);
        outTradeNo = FilterText.optional(outTradeNo);
        channelTradeNo = FilterText.optional(channelTradeNo);
    }

    /** All payments within the scope (null: every merchant's). */
    public static PaymentFilter scope(@Nullable String merchantId) {
        return new PaymentFilter(merchantId, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether a field holds what no payment can have: then the list is empty without asking the database. */
    boolean matchesNothing() {
        return (merchantId != null && MerchantId.parse(merchantId).isEmpty())
                || (appId != null && AppId.parse(appId).isEmpty())
                || (paymentId != null && !Ids.isMinted(paymentId, "pay"))
                || (outTradeNo != null && !OutTradeNo.isValid(outTradeNo))
                || (channelTradeNo != null && !FilterText.isChannelTradeNo(channelTradeNo));
    }
}
