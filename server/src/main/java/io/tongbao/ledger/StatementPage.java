package io.tongbao.ledger;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Postings of one account, newest first. {@code nextCursor} fetches the following page; null at the end.
 * {@code balanceAfter} is the account's balance after the posting; for a sharded issuer account it is the
 * balance of the shard that took the posting (see docs/ledger.md).
 */
public record StatementPage(
        String accountId, List<Line> lines, @Nullable String nextCursor) {

    public record Line(
            long seq,
            int shard,
            String transferId,
            TransferKind kind,
            int reason,
            long amount,
            long balanceAfter,
            String counterparty,
            @Nullable String memo,
            Instant createdAt) {}
}
