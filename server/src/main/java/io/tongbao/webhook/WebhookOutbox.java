package io.tongbao.webhook;

import io.tongbao.merchant.WebhookSignatures;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.time.JdbcTime;
import io.tongbao.webhook.stream.StreamOutbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns a domain event into a webhook event and its delivery, once: the source key makes a republished domain event
 * (after a crash, or on another node) a no-op.
 */
@Component
class WebhookOutbox {

    static final String API_VERSION = "2026-11-22";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final WebhookSignatures apps;
    private final StreamOutbox streams;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    WebhookOutbox(
            JdbcClient jdbc,
            ObjectMapper json,
            WebhookSignatures apps,
            StreamOutbox streams,
            WebhookDispatcher dispatcher,
            Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.apps = apps;
        this.streams = streams;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * {@code streamKey}: what a stream orders the event by, after the merchant (the payment for payment and refund
     * events, the payer account for ledger events).
     */
    record Draft(
            String merchantId,
            String appId,
            String type,
            String objectId,
            String streamKey,
            String sourceKey,
            Object data,
            @Nullable String notifyUrl) {}

    @Transactional
    void record(Draft draft) {
        Instant now = clock.instant();
        String eventId = Ids.next("evt");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", eventId);
        payload.put("type", draft.type());
        payload.put("api_version", API_VERSION);
        payload.put("created_at", now.atOffset(ZoneOffset.UTC).toString());
        payload.put("app_id", draft.appId());
        payload.put("data", draft.data());
        int inserted = jdbc.sql("""
                        insert into webhook_event (id, merchant_id, app_id, type, api_version, object_id, stream_key,
                            source_key, payload, created_at)
                        values (:id, :merchant, :app, :type, :version, :object, :streamKey, :source, :payload, :now)
                        on conflict (source_key) do nothing""")
                .param("id", eventId)
                .param("merchant", draft.merchantId())
                .param("app", draft.appId())
                .param("type", draft.type())
                .param("version", API_VERSION)
                .param("object", draft.objectId())
                .param("streamKey", draft.streamKey())
                .param("source", draft.sourceKey())
                .param("payload", json.writeValueAsString(payload))
                .param("now", JdbcTime.at(now))
                .update();
        if (inserted == 0) {
            return;
        }
        streams.enqueue(eventId);
        String url = draft.notifyUrl() != null
                ? draft.notifyUrl()
                : apps.defaultNotifyUrl(draft.appId()).orElse(null);
        jdbc.sql("""
                        insert into webhook_delivery (id, event_id, app_id, url, status, next_attempt_at, last_error,
                            created_at, updated_at)
                        values (:id, :event, :app, :url, :status, :next, :error, :now, :now)""")
                .param("id", Ids.next("whd"))
                .param("event", eventId)
                .param("app", draft.appId())
                .param("url", url)
                // with nowhere to send it, the event is still kept for GET /api/v1/events
                .param("status", url == null ? "DEAD" : "PENDING")
                .param("next", url == null ? null : JdbcTime.at(now))
                .param("error", url == null ? "no notify URL on the payment or the app" : null)
                .param("now", JdbcTime.at(now))
                .update();
        if (url != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wakeUp();
                }
            });
        }
    }
}
