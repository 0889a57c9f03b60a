package io.tongbao.platform;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the audit log; null means any. {@code merchantId} scopes to one merchant's entries (what a merchant's
 * owner may see); {@code from} is inclusive, {@code to} exclusive; {@code beforeSeq} is the cursor of the next page
 * ({@link AuditPage#nextBeforeSeq()}).
 */
public record AuditQuery(
        @Nullable String actor,
        @Nullable String action,
        @Nullable String targetType,
        @Nullable String targetId,
        @Nullable String merchantId,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable Long beforeSeq,
        int limit) {

    public static final int MAX_LIMIT = 500;

    public static AuditQuery newest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, null, limit);
    }

    public AuditQuery merchant(@Nullable String merchantId) {
        return new AuditQuery(actor, action, targetType, targetId, merchantId, from, to, beforeSeq, limit);
    }

    public AuditQuery target(@Nullable String targetType, @Nullable String targetId) {
        return new AuditQuery(actor, action, targetType, targetId, merchantId, from, to, beforeSeq, limit);
    }

    public AuditQuery actor(@Nullable String actor) {
        return new AuditQuery(actor, action, targetType, targetId, merchantId, from, to, beforeSeq, limit);
    }

    public AuditQuery action(@Nullable String action) {
        return new AuditQuery(actor, action, targetType, targetId, merchantId, from, to, beforeSeq, limit);
    }

    public AuditQuery between(@Nullable Instant from, @Nullable Instant to) {
        return new AuditQuery(actor, action, targetType, targetId, merchantId, from, to, beforeSeq, limit);
    }

    public AuditQuery before(@Nullable Long beforeSeq) {
        return new AuditQuery(actor, action, targetType, targetId, merchantId, from, to, beforeSeq, limit);
    }
}
