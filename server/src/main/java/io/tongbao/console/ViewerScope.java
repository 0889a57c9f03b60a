package io.tongbao.console;

import io.tongbao.platform.SignedInUser;
import io.tongbao.shared.id.MerchantId;
import org.jspecify.annotations.Nullable;

/** The merchant a user's queries are limited to, as the modules' read APIs take it. */
final class ViewerScope {

    private ViewerScope() {}

    /**
     * Null for an operator (every merchant); a merchant user's own merchant. A merchant user whose merchant id is not
     * one the platform mints has no data at all: {@link NotFound}, never the operator's null.
     */
    static @Nullable MerchantId merchantOf(SignedInUser me) {
        String scope = me.merchantScope();
        if (scope == null) {
            return null;
        }
        return MerchantId.parse(scope).orElseThrow(NotFound::new);
    }
}
