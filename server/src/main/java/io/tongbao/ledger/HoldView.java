package io.tongbao.ledger;

import java.time.Instant;

/** A hold and, once resolved, the transfer id that resolved it. */
public record HoldView(
        String holdId,
        HoldStatus status,
        String pointType,
        String fromAccount,
        String toAccount,
        long amount,
        Long postedAmount,
        Instant expiresAt,
        String resolvedBy,
        Instant createdAt) {}
