package io.tongbao.webhook;

import static io.tongbao.shared.time.JdbcTime.instant;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tongbao.ledger.LedgerEvents;
import io.tongbao.merchant.WebhookSignatures;
import io.tongbao.shared.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Reading events back (to catch up after an outage), their delivery attempts, and resending. */
@Service
class WebhookEvents {

    static final Set<String> TYPES = Set.of(
            "payment.succeeded",
            "payment.closed",
            "payment.exception",
            "refund.succeeded",
            "refund.failed",
            LedgerEvents.HOLD_EXPIRED,
            LedgerEvents.TRANSFER_POSTED);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final DeliveryStore deliveries;
    private final WebhookSignatures apps;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookEvents(JdbcClient jdbc, DeliveryStore deliveries, WebhookSignatures apps, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.apps = apps;
        this.json = json;
        this.clock = clock;
    }

    @Schema(name = "EventPage", description = "Events after a cursor; pass next_after as after for the next page")
    record Page(
            List<Map<String, Object>> data,
            boolean hasMore,
            @Nullable String nextAfter) {}

    record Attempt(
            Instant attemptedAt,
            @Nullable Integer statusCode,
            int latencyMs,
            @Nullable String responseExcerpt,
            @Nullable String error) {}

    record Delivery(
            String id,
            String url,
            String status,
            int attemptCount,
            @Nullable Instant nextAttemptAt,
            @Nullable Integer lastStatus,
            @Nullable String lastError,
            @Nullable Instant deliveredAt,
            List<Attempt> attempts) {}

    /** Oldest first after the given event id, so that a merchant can read everything it missed, in order. */
    Page list(String appId, @Nullable String types, @Nullable String after, int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiException.invalid("limit", "between 1 and 100");
        }
        String[] wanted = types == null || types.isBlank() ? null : types.split(",");
        if (wanted != null && !TYPES.containsAll(Arrays.asList(wanted))) {
            throw ApiException.invalid(
                    "types",
                    "known types: " + String.join(", ", TYPES.stream().sorted().toList()));
        }
        if (after != null && !exists(appId, after)) {
            throw ApiException.notFound("event", after);
        }
        List<String> payloads = jdbc
                .sql("""
                        select payload from webhook_event e
                        where app_id = :app
                          and (cast(:types as text[]) is null or type = any(cast(:types as text[])))
                          and (cast(:after as text) is null or (created_at, id) >
                               (select created_at, id from webhook_event where id = :after and app_id = :app))
                        order by created_at, id limit :limit""")
                .param("app", appId)
                .param("types", wanted)
                .param("after", after)
                .param("limit", limit + 1)
                .query(String.class)
                .list()
                .stream()
                .map(Objects::requireNonNull)
                .toList();
        List<Map<String, Object>> data =
                payloads.stream().limit(limit).map(p -> json.readValue(p, MAP)).toList();
        boolean more = payloads.size() > limit;
        return new Page(
                data, more, data.isEmpty() ? after : (String) data.getLast().get("id"));
    }

    Map<String, Object> get(String appId, String eventId) {
        return jdbc.sql("select payload from webhook_event where id = :id and app_id = :app")
                .param("id", eventId)
                .param("app", appId)
                .query(String.class)
                .optional()
                .map(payload -> json.readValue(payload, MAP))
                .orElseThrow(() -> ApiException.notFound("event", eventId));
    }

    List<Delivery> deliveries(String appId, String eventId) {
        get(appId, eventId);
        return jdbc.sql("""
                        select id, url, status, attempt_count, next_attempt_at, last_status, last_error, delivered_at
                        from webhook_delivery where event_id = :event and app_id = :app order by created_at""")
                .param("event", eventId)
                .param("app", appId)
                .query((rs, row) -> new Delivery(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        instant(rs.getTimestamp(5)),
                        (Integer) rs.getObject(6),
                        rs.getString(7),
                        instant(rs.getTimestamp(8)),
                        attempts(rs.getString(1))))
                .list();
    }

    int resend(String appId, String eventId) {
        get(appId, eventId);
        return deliveries.resend(appId, eventId, apps.defaultNotifyUrl(appId).orElse(null), clock.instant());
    }

    int resendDead(String appId, @Nullable Instant from, @Nullable Instant to) {
        int resent = 0;
        for (String eventId : deliveries.deadEvents(appId, from, to, 10_000)) {
            resent += deliveries.resend(
                    appId, eventId, apps.defaultNotifyUrl(appId).orElse(null), clock.instant());
        }
        return resent;
    }

    private List<Attempt> attempts(String deliveryId) {
        return jdbc.sql("""
                        select attempted_at, status_code, latency_ms, response_excerpt, error from webhook_attempt
                        where delivery_id = :delivery order by id""")
                .param("delivery", deliveryId)
                .query((rs, row) -> new Attempt(
                        Objects.requireNonNull(instant(rs.getTimestamp(1))),
                        (Integer) rs.getObject(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    private boolean exists(String appId, String eventId) {
        return jdbc.sql("select count(*) from webhook_event where id = :id and app_id = :app")
                        .param("id", eventId)
                        .param("app", appId)
                        .query(Integer.class)
                        .single()
                == 1;
    }
}
