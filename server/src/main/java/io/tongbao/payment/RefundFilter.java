package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.OutRefundNo;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which refunds a console list shows; as {@link PaymentFilter}: {@code merchantId} is the scope (null: every
 * merchant's), text is trimmed, a value that cannot be an id of its kind matches nothing, [createdFrom, createdTo).
 */
public record RefundFilter(
        @Nullable String merchantId,
        @Nullable String appId,
        @Nullable String paymentId,
        @Nullable String outRefundNo,
        @Nullable RefundStatus status,
        @Nullable Instant createdFrom,
        @Nullable Instant createdTo) {

    public RefundFilter {
        appId = FilterText.optional(appId);
        paymentId = FilterText.optional(paymentId);
        outRefundNo = FilterText.optional(outRefundNo);
    }

    public static RefundFilter scope(@Nullable String merchantId) {
        return new RefundFilter(merchantId, null, null, null, null, null, null);
    }

    boolean matchesNothing() {
        return (merchantId != null && MerchantId.parse(merchantId).isEmpty())
                || (appId != null && AppId.parse(appId).isEmpty())
                || (paymentId != null && !Ids.isMinted(paymentId, "pay"))
                || (outRefundNo != null && !OutRefundNo.isValid(outRefundNo));
    }
}
