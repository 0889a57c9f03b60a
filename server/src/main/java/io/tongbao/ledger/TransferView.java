package io.tongbao.ledger;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A journal row as the merchant sees it. {@code relatedTransferId}: the hold posted/voided or the transfer reversed. */
@Schema(description = "A posted transfer, as the journal holds it")
public record TransferView(
        @Schema(requiredMode = REQUIRED) String transferId,
        @Schema(requiredMode = REQUIRED) TransferKind kind,
        @Schema(requiredMode = REQUIRED) String pointType,
        @Schema(requiredMode = REQUIRED) String fromAccount,
        @Schema(requiredMode = REQUIRED) String toAccount,
        long amount,
        int reason,
        @Nullable String memo,
        @Nullable Map<String, String> metadata,

        @Schema(description = "The hold posted or voided, or the transfer reversed") @Nullable
        String relatedTransferId,

        @Schema(requiredMode = REQUIRED) Instant createdAt) {}
