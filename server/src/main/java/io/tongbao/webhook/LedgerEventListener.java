package io.tongbao.webhook;

import io.tongbao.ledger.LedgerEvents;
import io.tongbao.ledger.LedgerEvents.HoldExpired;
import io.tongbao.ledger.LedgerEvents.TransferPosted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records webhook events from the ledger's. Synchronous on purpose: the ledger's relay publishes inside the
 * transaction that deletes the events from its outbox, so recording here in that same transaction hands each event
 * over atomically, in journal order (which a stream then keeps per payer account). The source key makes a second
 * hand-over of the same ledger event a no-op. Sent to the app whose call caused it; no notify URL on a payment here,
 * so the app's default one.
 */
@Component
class LedgerEventListener {

    private static final Logger log = LoggerFactory.getLogger(LedgerEventListener.class);

    private final WebhookOutbox outbox;

    LedgerEventListener(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(TransferPosted event) {
        if (event.appId() == null) {
            return; // cannot happen for transfer events: only subscribed apps' calls write them
        }
        outbox.record(new WebhookOutbox.Draft(
                event.merchantId(),
                event.appId(),
                LedgerEvents.TRANSFER_POSTED,
                event.transferId(),
                event.fromAccount(),
                LedgerEvents.TRANSFER_POSTED + ":" + event.merchantId() + ":" + event.transferId(),
                event,
                null));
    }

    @EventListener
    void on(HoldExpired event) {
        if (event.appId() == null) {
            // a hold created before holds remembered their app: nobody to tell
            log.info("hold {} of merchant {} expired; it has no app to notify", event.holdId(), event.merchantId());
            return;
        }
        outbox.record(new WebhookOutbox.Draft(
                event.merchantId(),
                event.appId(),
                LedgerEvents.HOLD_EXPIRED,
                event.holdId(),
                event.fromAccount(),
                LedgerEvents.HOLD_EXPIRED + ":" + event.merchantId() + ":" + event.holdId(),
                event,
                null));
    }
}
