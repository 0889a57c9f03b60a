package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.spi.ClientAction;
import io.tongbao.shared.PayWay;
import java.time.Instant;
import java.util.Map;

/**
 * A payment as the merchant sees it: the authoritative status (poll it; never trust the buyer's return) and,
 * while it is pending, what the client needs to let the buyer pay.
 */
public record Payment(String id, String outTradeNo, String appId, long amount, String currency, String subject,
                      String description, PaymentStatus status, PayWay payWay, Instant expiresAt, Instant paidAt,
                      Instant closedAt, long amountRefunded, boolean refundable, Long fee,
                      Map<String, Object> metadata, ClientAction action, Instant createdAt) {
}
