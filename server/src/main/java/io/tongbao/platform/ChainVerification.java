package io.tongbao.platform;

import org.jspecify.annotations.Nullable;

/** The audit chain walked from the start: intact with its count, or the first broken link and why. */
public record ChainVerification(
        boolean intact,
        long entries,
        @Nullable Long brokenAtSeq,
        @Nullable String reason) {

    static ChainVerification intact(long entries) {
        return new ChainVerification(true, entries, null, null);
    }

    static ChainVerification broken(long entries, long seq, String reason) {
        return new ChainVerification(false, entries, seq, reason);
    }
}
