package io.tongbao.ledger;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the ledger announces. Each is written to the ledger's outbox ({@code ledger_event}) by the statement or
 * transaction of the change it reports, and published by {@link LedgerEventRelay} in journal order.
 * {@code appId} is the app whose call caused the change (for an expiry: the app that created the hold).
 */
public final class LedgerEvents {

    public static final String TRANSFER_POSTED = "ledger.transfer.posted";
    public static final String HOLD_EXPIRED = "hold.expired";

    private LedgerEvents() {}

    /** A journal row of any kind was written. Opt-in per app: see {@link io.tongbao.shared.event.EventSubscriptions}. */
    public record TransferPosted(
            String merchantId,
            String appId,
            String transferId,
            TransferKind kind,
            String pointType,
            String fromAccount,
            String toAccount,
            long amount,
            int reason,
            @Nullable String memo,
            @Nullable Map<String, String> metadata,
            @Nullable String relatedTransferId,
            Instant createdAt) {}

    /** A hold reached its timeout unresolved and its amount was released to the payer. Always written. */
    public record HoldExpired(
            String merchantId,
            @Nullable String appId,
            String holdId,
            String expireTransferId,
            String pointType,
            String fromAccount,
            String toAccount,
            long amount,
            int reason,
            Instant expiresAt,
            Instant expiredAt) {}
}
