package io.tongbao.ledger;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** A journal row as the merchant sees it. {@code relatedTransferId}: the hold posted/voided or the transfer reversed. */
@Schema(description = "A posted transfer, as the journal holds it")
public record TransferView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String transferId, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) TransferKind kind,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String pointType, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String fromAccount,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String toAccount, long amount, int reason, String memo,
                           Map<String, String> metadata,
                           @Schema(description = "The hold posted or voided, or the transfer reversed")
                           String relatedTransferId,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt) {
}
