package io.tongbao.shared.event;

/**
 * Which optional event types an app subscribed to. The module that produces an event asks before it writes one, so
 * that an event nobody wants costs nothing; the webhook module answers. Living here, it lets the ledger ask without
 * knowing who answers (the ledger depends on shared only).
 */
public interface EventSubscriptions {

    /** Nobody subscribed to anything: what a module sees when it runs without the webhook module. */
    EventSubscriptions NONE = (appId, eventType) -> false;

    /** Must be cheap: it is asked on the hot path of every transfer. */
    boolean wants(String appId, String eventType);
}
