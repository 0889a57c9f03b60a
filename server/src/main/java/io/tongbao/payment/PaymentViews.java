package io.tongbao.payment;

import io.tongbao.payment.PaymentStateMachine.AttemptStatus;
import io.tongbao.payment.PaymentStateMachine.PaymentStatus;
import io.tongbao.payment.spi.ClientAction;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Turns stored rows into what the API shows: typed ids into their strings, {@code Money} into fen and a code. */
@Component
class PaymentViews {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final PaymentStore payments;
    private final ObjectMapper json;

    PaymentViews(PaymentStore payments, ObjectMapper json) {
        this.payments = payments;
        this.json = json;
    }

    Payment view(OrderRow order) {
        ClientAction action = null;
        if (order.status() == PaymentStatus.PENDING) {
            action = payments.liveAttempt(order.id())
                    .filter(attempt -> attempt.status() == AttemptStatus.PENDING && attempt.actionJson() != null)
                    .map(attempt -> json.readValue(attempt.actionJson(), ClientAction.class))
                    .orElse(null);
        }
        return view(order, action);
    }

    /** From the order and its live attempt's action as read together. */
    Payment view(PaymentStore.OrderWithAction read) {
        ClientAction action = read.order().status() == PaymentStatus.PENDING && read.liveActionJson() != null
                ? json.readValue(read.liveActionJson(), ClientAction.class)
                : null;
        return view(read.order(), action);
    }

    /** With the live attempt's action as the caller already knows it. */
    Payment view(OrderRow order, @Nullable ClientAction action) {
        OrderRow.OrderTerms terms = order.terms();
        return new Payment(
                order.id().value(),
                order.outTradeNo().value(),
                order.appId().value(),
                order.amount().minor(),
                order.amount().currency().name(),
                terms.subject(),
                terms.description(),
                order.status(),
                order.payWay(),
                order.expiresAt(),
                order.paid() == null ? null : order.paid().at(),
                order.closedAt(),
                order.refunded().amount().minor(),
                order.refundable(),
                order.fee() == null ? null : order.fee().amount().minor(),
                terms.metadataJson() == null ? null : json.readValue(terms.metadataJson(), MAP),
                action,
                order.createdAt());
    }

    @Nullable
    String actionJson(@Nullable ClientAction action) {
        return action == null ? null : json.writeValueAsString(action);
    }

    @Nullable
    String metadataJson(@Nullable Map<String, Object> metadata) {
        return metadata == null || metadata.isEmpty() ? null : json.writeValueAsString(new TreeMap<>(metadata));
    }
}
