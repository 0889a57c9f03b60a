package io.tongbao.webhook;

import io.tongbao.payment.PaymentEvents.PaymentClosed;
import io.tongbao.payment.PaymentEvents.PaymentExceptionRaised;
import io.tongbao.payment.PaymentEvents.PaymentSucceeded;
import io.tongbao.payment.PaymentEvents.RefundFailed;
import io.tongbao.payment.PaymentEvents.RefundSucceeded;
import io.tongbao.payment.Payments;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Listens to the payment module's events and records each as a webhook event (and its delivery, and its stream
 * entry) <em>inside the transaction that publishes it</em>, as {@link LedgerEventListener} does for the ledger's: the
 * payment's state and its webhook commit together or not at all, so nothing can be lost between them and no
 * republication is needed (docs/architecture.md, "Events leave through one outbox"). A failure here rolls the
 * payment's transaction back: the channel's notification is answered as failed and comes again, the janitor's query
 * runs again. {@link WebhookOutbox}'s source key makes a second recording of the same event a no-op.
 *
 * <p>Where the webhook goes is looked up here, not carried by the event: the notify URL the merchant gave with the
 * order ({@link Payments#notifyUrl}), or else (in {@link WebhookOutbox}) the app's default.
 */
@Component
class DomainEventListener {

    private final WebhookOutbox outbox;
    private final Payments payments;
    private final ObjectMapper json;

    DomainEventListener(WebhookOutbox outbox, Payments payments, ObjectMapper json) {
        this.outbox = outbox;
        this.payments = payments;
        this.json = json;
    }

    @EventListener
    void on(PaymentSucceeded event) {
        record(
                event.merchantId(),
                event.appId(),
                "payment.succeeded",
                event.paymentId(),
                event.paymentId(),
                "payment.succeeded:" + event.paymentId(),
                event);
    }

    @EventListener
    void on(PaymentClosed event) {
        record(
                event.merchantId(),
                event.appId(),
                "payment.closed",
                event.paymentId(),
                event.paymentId(),
                "payment.closed:" + event.paymentId(),
                event);
    }

    @EventListener
    void on(PaymentExceptionRaised event) {
        record(
                event.merchantId(),
                event.appId(),
                "payment.exception",
                event.paymentId(),
                event.paymentId(),
                "payment.exception:" + event.exceptionId(),
                event);
    }

    @EventListener
    void on(RefundSucceeded event) {
        record(
                event.merchantId(),
                event.appId(),
                "refund.succeeded",
                event.refundId(),
                event.paymentId(),
                "refund.succeeded:" + event.refundId(),
                event);
    }

    @EventListener
    void on(RefundFailed event) {
        record(
                event.merchantId(),
                event.appId(),
                "refund.failed",
                event.refundId(),
                event.paymentId(),
                "refund.failed:" + event.refundId(),
                event);
    }

    private void record(
            String merchantId,
            String appId,
            String type,
            String objectId,
            String paymentId,
            String sourceKey,
            Object event) {
        String notifyUrl = payments.notifyUrl(merchantId, paymentId).orElse(null);
        outbox.record(new WebhookOutbox.Draft(
                merchantId, appId, type, objectId, paymentId, sourceKey, data(event, notifyUrl), notifyUrl));
    }

    /**
     * The event as {@code data}, with the payment's {@code notify_url} last (null when it has none), as the body had
     * it when the event carried the URL: a receiver, and {@code GET /api/v1/events} over old and new events, sees one
     * shape. Dropping the field would be an API change of its own.
     */
    private ObjectNode data(Object event, @Nullable String notifyUrl) {
        ObjectNode data = json.valueToTree(event);
        data.put("notify_url", notifyUrl);
        return data;
    }
}
