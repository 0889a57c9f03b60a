package io.tongbao.shared.audit;

import org.jspecify.annotations.Nullable;

/**
 * One change for the audit trail. {@code before} and {@code after} are any objects Jackson can serialize: small
 * records or maps of the fields that changed. Properties whose names look secret are masked before they are
 * stored, but a caller should not pass secrets at all: for a rotation, record the new version or a fingerprint.
 *
 * <p>{@code actor} and {@code source} are normally left out and taken from the current request; give them for a
 * login, where nobody is authenticated yet.
 */
public record AuditChange(
        String action,
        String targetType,
        String targetId,
        @Nullable String merchantId,
        @Nullable Object before,
        @Nullable Object after,
        @Nullable String summary,
        @Nullable String actor,
        @Nullable String source) {

    /** {@code action} such as {@code app.hmac_secret.rotated}; {@code targetType} such as {@code app}. */
    public static AuditChange of(String action, String targetType, String targetId) {
        return new AuditChange(action, targetType, targetId, null, null, null, null, null, null);
    }

    /** The merchant the change concerns: a merchant's owner is shown only its own entries. */
    public AuditChange merchant(@Nullable String merchantId) {
        return new AuditChange(action, targetType, targetId, merchantId, before, after, summary, actor, source);
    }

    public AuditChange before(@Nullable Object before) {
        return new AuditChange(action, targetType, targetId, merchantId, before, after, summary, actor, source);
    }

    public AuditChange after(@Nullable Object after) {
        return new AuditChange(action, targetType, targetId, merchantId, before, after, summary, actor, source);
    }

    public AuditChange summary(@Nullable String summary) {
        return new AuditChange(action, targetType, targetId, merchantId, before, after, summary, actor, source);
    }

    /** An explicit actor and client address, instead of the authenticated caller of the current request. */
    public AuditChange by(String actor, @Nullable String source) {
        return new AuditChange(action, targetType, targetId, merchantId, before, after, summary, actor, source);
    }
}
