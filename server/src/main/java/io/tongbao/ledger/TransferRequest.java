package io.tongbao.ledger;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One transfer. {@code transferId} is chosen by the client and makes the call idempotent: the same id with the
 * same content returns the first result; with other content it is refused.
 */
@Schema(description = "A transfer of points between two accounts of one point type")
public record TransferRequest(
        @Schema(
                description = "Chosen by the client: the same id with the same content returns the first result",
                example = "T-20261122-0001",
                requiredMode = REQUIRED)
        @Nullable
        String transferId,

        @Schema(example = "gold", requiredMode = REQUIRED) String pointType,

        @Schema(example = "acc_7k2m9x4p1q8r3t6v5w0y", requiredMode = REQUIRED)
        String fromAccount,

        @Schema(example = "acc_4f9a1c2e7b3d8k2m9x4p", requiredMode = REQUIRED)
        String toAccount,

        @Schema(
                description = "In the point type's smallest unit: a JSON integer",
                example = "500",
                minimum = "1",
                requiredMode = REQUIRED)
        Long amount,

        @Schema(description = "A registered reason code", example = "100001", requiredMode = REQUIRED)
        Integer reason,

        @Nullable String memo,
        @Nullable Map<String, String> metadata) {}
