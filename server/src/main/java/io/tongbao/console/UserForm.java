package io.tongbao.console;

import io.tongbao.platform.Role;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The new-user form as it was sent, to show again beside the refusal: {@code errorField} names the field the refusal
 * is about ({@code username}, {@code role}, {@code merchant_id}), {@code error} its message key.
 */
record UserForm(
        @Nullable String username,
        @Nullable String role,
        @Nullable String merchantId,
        @Nullable String displayName,
        @Nullable String errorField,
        @Nullable String error) {

    static final UserForm EMPTY = new UserForm(null, null, null, null);

    UserForm(
            @Nullable String username,
            @Nullable String role,
            @Nullable String merchantId,
            @Nullable String displayName) {
        this(username, role, blankToNull(merchantId), displayName, null, null);
    }

    UserForm refused(String field, String messageKey) {
        return new UserForm(username, role, merchantId, displayName, field, messageKey);
    }

    /** Whether the form was sent and refused: it is then shown open, with the error beside its field (public: read by the template). */
    public boolean isRefused() {
        return error != null;
    }

    /** The message key of the error of this field, or null. */
    @Nullable
    public String errorOf(String field) {
        return field.equals(errorField) ? error : null;
    }

    /** The role named, when it is one of those offered; null for none, an unknown one or one not offered. */
    static @Nullable Role role(@Nullable String name, List<Role> offered) {
        if (name == null) {
            return null;
        }
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        return offered.stream()
                .filter(role -> role.name().equals(wanted))
                .findFirst()
                .orElse(null);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
