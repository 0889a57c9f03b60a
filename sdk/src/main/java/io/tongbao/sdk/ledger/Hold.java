package io.tongbao.sdk.ledger;

import java.time.Instant;

/** status: PENDING, POSTED, VOIDED or EXPIRED; {@code resolvedBy} is the transfer id that ended it. */
public record Hold(
        String holdId,
        String status,
        String pointType,
        String fromAccount,
        String toAccount,
        long amount,
        Long postedAmount,
        Instant expiresAt,
        String resolvedBy,
        Instant createdAt) {}
