package io.tongbao.console;

import io.tongbao.payment.PaymentDetail;
import io.tongbao.payment.TimelineEntry;
import io.tongbao.webhook.WebhookQueries.DeliveryRow;
import io.tongbao.webhook.WebhookQueries.DeliveryStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A payment's detail page timeline, oldest first: what the payment module recorded, merged with the webhook
 * deliveries of its events (queued, and delivered or given up, with the HTTP status and latency).
 */
final class PaymentTimeline {

    /**
     * One line: {@code key} the message key of what happened ({@code timeline.<KIND>}), {@code subjectId} the
     * attempt, refund, exception or delivery, {@code detail} data beside it; {@code link} where the subject has a
     * page of its own.
     */
    record Item(
            Instant at,
            String key,
            String subjectId,
            String detail,
            @Nullable String link) {}

    private PaymentTimeline() {}

    static List<Item> of(PaymentDetail detail, List<DeliveryRow> deliveries) {
        List<Item> items = new ArrayList<>();
        for (TimelineEntry entry : detail.timeline()) {
            items.add(new Item(entry.at(), "timeline." + entry.kind().name(), entry.subjectId(), entry.detail(), null));
        }
        for (DeliveryRow delivery : deliveries) {
            String link = "/console/webhooks/" + delivery.deliveryId();
            items.add(new Item(
                    delivery.createdAt(), "timeline.WEBHOOK_QUEUED", delivery.deliveryId(), queued(delivery), link));
            Instant delivered = delivery.deliveredAt();
            if (delivered != null) {
                items.add(new Item(
                        delivered, "timeline.WEBHOOK_DELIVERED", delivery.deliveryId(), outcome(delivery), link));
            } else if (delivery.status() == DeliveryStatus.DEAD) {
                // a dead delivery has no time of its own for giving up: the last of its schedule is not kept
                items.add(new Item(
                        delivery.createdAt(), "timeline.WEBHOOK_DEAD", delivery.deliveryId(), outcome(delivery), link));
            }
        }
        // stable: entries at the same instant keep the payment module's order, deliveries after them
        items.sort(Comparator.comparing(Item::at));
        return items;
    }

    private static String queued(DeliveryRow delivery) {
        return delivery.eventType() + (delivery.url() == null ? "" : " → " + delivery.url());
    }

    private static String outcome(DeliveryRow delivery) {
        StringBuilder text = new StringBuilder();
        if (delivery.lastHttpStatus() != null) {
            text.append("HTTP ").append(delivery.lastHttpStatus());
        }
        if (delivery.lastLatencyMs() != null) {
            text.append(text.isEmpty() ? "" : " · ")
                    .append(delivery.lastLatencyMs())
                    .append(" ms");
        }
        if (delivery.lastError() != null) {
            text.append(text.isEmpty() ? "" : " · ").append(delivery.lastError());
        }
        text.append(text.isEmpty() ? "" : " · ").append(delivery.attempts()).append("×");
        return text.toString();
    }
}
