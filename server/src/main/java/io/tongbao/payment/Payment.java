package io.tongbao.payment;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.shared.PayWay;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A payment as the merchant sees it: the authoritative status (poll it; never trust the buyer's return) and,
 * while it is pending, what the client needs to let the buyer pay.
 */
@Schema(description = "A payment: poll its status; never trust the buyer's return")
public record Payment(
        @Schema(example = "pay_7k2m9x4p1q8r3t6v5w0y", requiredMode = REQUIRED)
        String id,

        @Schema(example = "T20261122001", requiredMode = REQUIRED)
        String outTradeNo,

        @Schema(requiredMode = REQUIRED) String appId,

        @Schema(description = "In minor units (fen)", example = "1999")
        long amount,

        @Schema(example = "CNY", requiredMode = REQUIRED) String currency,
        @Schema(requiredMode = REQUIRED) String subject,
        @Nullable String description,
        @Schema(requiredMode = REQUIRED) PaymentStatus status,
        @Schema(requiredMode = REQUIRED) PayWay payWay,
        Instant expiresAt,
        @Nullable Instant paidAt,
        @Nullable Instant closedAt,
        @Schema(description = "In minor units (fen)") long amountRefunded,

        @Schema(description = "Whether a refund can be asked for now")
        boolean refundable,

        @Schema(description = "The channel fee in minor units, once paid and a rate is set") @Nullable
        Long fee,

        @Nullable Map<String, Object> metadata,

        @Schema(description = "While PENDING: what the client needs to let the buyer pay") @Nullable
        ClientAction action,

        @Schema(requiredMode = REQUIRED) Instant createdAt) {}
