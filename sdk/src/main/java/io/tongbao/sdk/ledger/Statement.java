package io.tongbao.sdk.ledger;

import java.time.Instant;
import java.util.List;

/** Postings newest first; pass {@code nextCursor} to get the next page (null at the end). */
public record Statement(String accountId, List<Line> lines, String nextCursor) {

    public record Line(
            long seq,
            int shard,
            String transferId,
            String kind,
            int reason,
            long amount,
            long balanceAfter,
            String counterparty,
            String memo,
            Instant createdAt) {}
}
