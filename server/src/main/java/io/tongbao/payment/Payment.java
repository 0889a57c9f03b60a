package io.tongbao.payment;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.shared.PayWay;
import java.time.Instant;
import java.util.Map;

/**
 * A payment as the merchant sees it: the authoritative status (poll it; never trust the buyer's return) and,
 * while it is pending, what the client needs to let the buyer pay.
 */
@Schema(description = "A payment: poll its status; never trust the buyer's return")
public record Payment(@Schema(example = "pay_7k2m9x4p1q8r3t6v5w0y", requiredMode = Schema.RequiredMode.REQUIRED) String id,
                      @Schema(example = "T20261122001", requiredMode = Schema.RequiredMode.REQUIRED) String outTradeNo,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String appId,
                      @Schema(description = "In minor units (fen)", example = "1999") long amount,
                      @Schema(example = "CNY", requiredMode = Schema.RequiredMode.REQUIRED) String currency,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String subject,
                      String description,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) PaymentStatus status,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) PayWay payWay,
                      Instant expiresAt, Instant paidAt, Instant closedAt,
                      @Schema(description = "In minor units (fen)") long amountRefunded,
                      @Schema(description = "Whether a refund can be asked for now") boolean refundable,
                      @Schema(description = "The channel fee in minor units, once paid and a rate is set") Long fee,
                      Map<String, Object> metadata,
                      @Schema(description = "While PENDING: what the client needs to let the buyer pay") ClientAction action,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt) {
}
