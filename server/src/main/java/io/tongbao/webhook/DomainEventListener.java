package io.tongbao.webhook;

import io.tongbao.payment.PaymentEvents.PaymentClosed;
import io.tongbao.payment.PaymentEvents.PaymentExceptionRaised;
import io.tongbao.payment.PaymentEvents.PaymentSucceeded;
import io.tongbao.payment.PaymentEvents.RefundFailed;
import io.tongbao.payment.PaymentEvents.RefundSucceeded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Listens to the payment module's events and records each as a webhook event (and its delivery, and its stream
 * entry) <em>inside the transaction that publishes it</em>, as {@link LedgerEventListener} does for the ledger's: the
 * payment's state and its webhook commit together or not at all, so nothing can be lost between them and no
 * republication is needed. Before, an asynchronous module listener did it after the commit through Spring Modulith's
 * publication registry: three more commits per event (publication, listener, completion), a fifth of a payment round
 * trip's (docs/benchmarks.md), and a payment's events could reach a stream out of order. A failure here rolls the
 * payment's transaction back: the channel's notification is answered as failed and comes again, the janitor's query
 * runs again. {@link WebhookOutbox}'s source key makes a second recording of the same event a no-op.
 */
@Component
class DomainEventListener {

    private final WebhookOutbox outbox;

    DomainEventListener(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(PaymentSucceeded event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "payment.succeeded", event.paymentId(),
                event.paymentId(), "payment.succeeded:" + event.paymentId(), event, event.notifyUrl()));
    }

    @EventListener
    void on(PaymentClosed event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "payment.closed", event.paymentId(),
                event.paymentId(), "payment.closed:" + event.paymentId(), event, event.notifyUrl()));
    }

    @EventListener
    void on(PaymentExceptionRaised event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "payment.exception", event.paymentId(),
                event.paymentId(), "payment.exception:" + event.exceptionId(), event, event.notifyUrl()));
    }

    @EventListener
    void on(RefundSucceeded event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "refund.succeeded", event.refundId(),
                event.paymentId(), "refund.succeeded:" + event.refundId(), event, event.notifyUrl()));
    }

    @EventListener
    void on(RefundFailed event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "refund.failed", event.refundId(),
                event.paymentId(), "refund.failed:" + event.refundId(), event, event.notifyUrl()));
    }
}
