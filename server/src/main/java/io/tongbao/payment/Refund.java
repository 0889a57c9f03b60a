package io.tongbao.payment;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tongbao.payment.PaymentStateMachine.RefundStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A refund as the merchant sees it. PENDING until the channel confirms (notification or query). */
@Schema(description = "A refund: PENDING until the channel confirms it")
public record Refund(
        @Schema(example = "rfd_4f9a1c2e7b3d8k2m9x4p", requiredMode = REQUIRED)
        String id,

        @Schema(requiredMode = REQUIRED) String paymentId,
        @Schema(requiredMode = REQUIRED) String outRefundNo,

        @Schema(description = "In minor units (fen)", example = "1000")
        long amount,

        @Nullable String reason,
        @Schema(requiredMode = REQUIRED) RefundStatus status,

        @Schema(description = "Made by Tongbao itself (a payment paid after it closed)")
        boolean automatic,

        @Nullable String failureCode,
        @Nullable String failureMessage,
        @Schema(requiredMode = REQUIRED) Instant createdAt,
        @Nullable Instant succeededAt) {

    static Refund of(RefundRow row) {
        return new Refund(
                row.id().value(),
                row.paymentId().value(),
                row.outRefundNo().value(),
                row.amount().minor(),
                row.reason(),
                row.status(),
                row.automatic(),
                row.failureCode(),
                row.failureMessage(),
                row.createdAt(),
                row.succeededAt());
    }
}
