package io.tongbao.ledger;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * One transfer. {@code transferId} is chosen by the client and makes the call idempotent: the same id with the
 * same content returns the first result; with other content it is refused.
 */
@Schema(description = "A transfer of points between two accounts of one point type")
public record TransferRequest(
        @Schema(description = "Chosen by the client: the same id with the same content returns the first result",
                example = "T-20261122-0001", requiredMode = Schema.RequiredMode.REQUIRED) String transferId,
        @Schema(example = "gold", requiredMode = Schema.RequiredMode.REQUIRED) String pointType,
        @Schema(example = "acc_7k2m9x4p1q8r3t6v5w0y", requiredMode = Schema.RequiredMode.REQUIRED) String fromAccount,
        @Schema(example = "acc_4f9a1c2e7b3d8k2m9x4p", requiredMode = Schema.RequiredMode.REQUIRED) String toAccount,
        @Schema(description = "In the point type's smallest unit: a JSON integer", example = "500", minimum = "1",
                requiredMode = Schema.RequiredMode.REQUIRED) Long amount,
        @Schema(description = "A registered reason code", example = "100001", requiredMode = Schema.RequiredMode.REQUIRED) Integer reason,
        String memo, Map<String, String> metadata) {
}
