package io.tongbao.webhook;

import io.tongbao.payment.PaymentEvents.PaymentClosed;
import io.tongbao.payment.PaymentEvents.PaymentExceptionRaised;
import io.tongbao.payment.PaymentEvents.PaymentSucceeded;
import io.tongbao.payment.PaymentEvents.RefundFailed;
import io.tongbao.payment.PaymentEvents.RefundSucceeded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Listens to the business events. Each arrives after its transaction committed, from the event publication registry
 * (the outbox): if this node dies first, the publication stays incomplete and is delivered again on restart or by
 * the resubmission job, and {@link WebhookOutbox} makes the second delivery a no-op.
 */
@Component
class DomainEventListener {

    private final WebhookOutbox outbox;

    DomainEventListener(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @ApplicationModuleListener
    void on(PaymentSucceeded event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "payment.succeeded", event.paymentId(),
                event.paymentId(), "payment.succeeded:" + event.paymentId(), event, event.notifyUrl()));
    }

    @ApplicationModuleListener
    void on(PaymentClosed event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "payment.closed", event.paymentId(),
                event.paymentId(), "payment.closed:" + event.paymentId(), event, event.notifyUrl()));
    }

    @ApplicationModuleListener
    void on(PaymentExceptionRaised event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "payment.exception", event.paymentId(),
                event.paymentId(), "payment.exception:" + event.exceptionId(), event, event.notifyUrl()));
    }

    @ApplicationModuleListener
    void on(RefundSucceeded event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "refund.succeeded", event.refundId(),
                event.paymentId(), "refund.succeeded:" + event.refundId(), event, event.notifyUrl()));
    }

    @ApplicationModuleListener
    void on(RefundFailed event) {
        outbox.record(new WebhookOutbox.Draft(event.merchantId(), event.appId(), "refund.failed", event.refundId(),
                event.paymentId(), "refund.failed:" + event.refundId(), event, event.notifyUrl()));
    }
}
