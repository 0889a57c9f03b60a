package io.tongbao.ledger;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One journal row to write, validated before any lock is taken: who pays whom, how much, why. For POST, VOID and
 * EXPIRE {@code relatedId} is the hold's transfer id and {@code heldAmount} what the hold reserved; for HOLD
 * {@code expiresAt} is its timeout.
 */
record Entry(
        String clientId,
        TransferKind kind,
        long pointTypeId,
        Account from,
        Account to,
        long amount,
        int reason,
        @Nullable String memo,
        @Nullable String metadata,
        @Nullable Long relatedId,
        @Nullable String relatedClientId,
        long heldAmount,
        @Nullable Instant expiresAt) {

    static Entry transfer(
            String clientId,
            Account from,
            Account to,
            long amount,
            int reason,
            @Nullable String memo,
            @Nullable String metadata) {
        return new Entry(
                clientId,
                TransferKind.TRANSFER,
                from.pointTypeId(),
                from,
                to,
                amount,
                reason,
                memo,
                metadata,
                null,
                null,
                0,
                null);
    }

    boolean resolvesHold() {
        return kind == TransferKind.POST || kind == TransferKind.VOID || kind == TransferKind.EXPIRE;
    }
}
