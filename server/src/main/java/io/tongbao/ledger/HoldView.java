package io.tongbao.ledger;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A hold and, once resolved, the transfer id that resolved it. */
public record HoldView(
        String holdId,
        HoldStatus status,
        String pointType,
        String fromAccount,
        String toAccount,
        long amount,
        @Nullable Long postedAmount,
        Instant expiresAt,
        @Nullable String resolvedBy,
        Instant createdAt) {}
