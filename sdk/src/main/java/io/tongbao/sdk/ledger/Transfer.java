package io.tongbao.sdk.ledger;

import java.time.Instant;
import java.util.Map;

/** A journal row: kind TRANSFER, HOLD, POST, VOID, EXPIRE or REVERSAL. */
public record Transfer(
        String transferId,
        String kind,
        String pointType,
        String fromAccount,
        String toAccount,
        long amount,
        int reason,
        String memo,
        Map<String, String> metadata,
        String relatedTransferId,
        Instant createdAt) {}
