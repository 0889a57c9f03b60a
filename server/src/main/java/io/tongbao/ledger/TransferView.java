package io.tongbao.ledger;

import java.time.Instant;
import java.util.Map;

/** A journal row as the merchant sees it. {@code relatedTransferId}: the hold posted/voided or the transfer reversed. */
public record TransferView(String transferId, TransferKind kind, String pointType, String fromAccount, String toAccount,
                           long amount, int reason, String memo, Map<String, String> metadata, String relatedTransferId,
                           Instant createdAt) {
}
