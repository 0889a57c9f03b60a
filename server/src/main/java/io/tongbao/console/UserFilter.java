package io.tongbao.console;

import io.tongbao.platform.Users.UserView;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the users list, from its URL: {@code q} a part of the user name or display name (any case), a role,
 * a merchant's exact id (operators), {@code state} {@code enabled} or {@code disabled}. Blank means any.
 */
record UserFilter(
        @Nullable String q,
        @Nullable String role,
        @Nullable String merchant,
        @Nullable String state) {

    static final UserFilter NONE = new UserFilter(null, null, null, null);

    UserFilter {
        q = blankToNull(q);
        role = blankToNull(role);
        merchant = blankToNull(merchant);
        state = blankToNull(state);
    }

    public boolean isEmpty() {
        return q == null && role == null && merchant == null && state == null;
    }

    boolean matches(UserView user) {
        return (q == null || contains(user.username()) || contains(user.displayName()))
                && (role == null || user.role().name().equals(role))
                && (merchant == null || merchant.equals(user.merchantId()))
                && (state == null || state.equals(user.enabled() ? "enabled" : "disabled"));
    }

    private boolean contains(@Nullable String text) {
        return text != null && q != null && text.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
