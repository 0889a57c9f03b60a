package io.tongbao.payment;

import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.MerchantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which payment exceptions a console list shows. {@code merchantId} is the scope (null: the operator, every row;
 * a merchant sees only rows recorded against its payments: refused notifications that named no payment have no
 * merchant and are the operator's). {@code kind} is an exception kind such as {@code SURPLUS_PAYMENT}; the range is
 * on when the exception was last seen, [seenFrom, seenTo).
 */
public record ExceptionFilter(
        @Nullable String merchantId,
        @Nullable String appId,
        @Nullable String kind,
        Resolved resolved,
        @Nullable Instant seenFrom,
        @Nullable Instant seenTo) {

    public enum Resolved {
        YES,
        NO,
        ALL
    }

    public ExceptionFilter {
        appId = FilterText.optional(appId);
        kind = FilterText.optional(kind);
    }

    public static ExceptionFilter scope(@Nullable String merchantId) {
        return new ExceptionFilter(merchantId, null, null, Resolved.ALL, null, null);
    }

    boolean matchesNothing() {
        return (merchantId != null && MerchantId.parse(merchantId).isEmpty())
                || (appId != null && AppId.parse(appId).isEmpty())
                || (kind != null && !FilterText.isKind(kind));
    }
}
