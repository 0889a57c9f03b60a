package io.tongbao.shared.audit;

import org.jspecify.annotations.Nullable;

/**
 * Records changes in the audit trail, in the caller's transaction: the change and its entry commit or roll back
 * together. Call it last in the transaction, after the change itself: appends are serialized, and the chain is
 * held until the transaction ends.
 */
public interface AuditTrail {

    void record(AuditChange change);

    /** A change by the caller of the current request ({@code system} outside one). */
    default void record(
            String action, String targetType, String targetId, @Nullable Object before, @Nullable Object after) {
        record(AuditChange.of(action, targetType, targetId).before(before).after(after));
    }

    /** An event of someone not (yet) authenticated, such as a login: who and from which address are given. */
    default void recordAs(String actor, @Nullable String source, String action, String targetType, String targetId) {
        record(AuditChange.of(action, targetType, targetId).by(actor, source));
    }
}
