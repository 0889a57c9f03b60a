package io.tongbao.webhook;

import io.tongbao.merchant.Tenants;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The changes to an app's webhooks that people make, each with its entry in the audit trail. */
@Service
public class WebhookSettings {

    private final WebhookEvents events;
    private final RetrySchedules schedules;
    private final WebhookSubscriptions subscriptions;
    private final Tenants tenants;
    private final AuditTrail audit;

    WebhookSettings(
            WebhookEvents events,
            RetrySchedules schedules,
            WebhookSubscriptions subscriptions,
            Tenants tenants,
            AuditTrail audit) {
        this.events = events;
        this.schedules = schedules;
        this.subscriptions = subscriptions;
        this.tenants = tenants;
        this.audit = audit;
    }

    @Transactional
    public Set<String> setEventTypes(String appId, List<String> types) {
        String merchantId = tenants.app(appId).merchantId();
        Set<String> before = new TreeSet<>(subscriptions.of(appId));
        Set<String> after = subscriptions.set(appId, types);
        audit.record(AuditChange.of("app.webhook_event_types.set", "app", appId)
                .merchant(merchantId)
                .before(Map.of("event_types", before))
                .after(Map.of("event_types", after)));
        return after;
    }

    /** {@code schedule}: 1 to 20 waits such as {@code 5s}, {@code 2m}, {@code 1h}. */
    @Transactional
    public List<Duration> setSchedule(String appId, List<String> schedule) {
        String merchantId = tenants.app(appId).merchantId();
        List<Duration> before = schedules.forApp(appId);
        List<Duration> after = schedules.set(appId, schedule);
        audit.record(AuditChange.of("app.webhook_schedule.set", "app", appId)
                .merchant(merchantId)
                .before(Map.of("retry_schedule", texts(before)))
                .after(Map.of("retry_schedule", texts(after))));
        return after;
    }

    /** The optional event types an app may subscribe to; the others are always sent. */
    public Set<String> optionalEventTypes() {
        return new TreeSet<>(WebhookSubscriptions.OPTIONAL);
    }

    /** The optional event types the app subscribed to. */
    public Set<String> eventTypes(String appId) {
        return new TreeSet<>(subscriptions.of(appId));
    }

    /** The app's retry schedule: its own, or the default. */
    public List<Duration> schedule(String appId) {
        return schedules.forApp(appId);
    }

    @Transactional
    int resend(String appId, String eventId) {
        int resent = events.resend(appId, eventId);
        audit.record(AuditChange.of("webhook_event.resent", "webhook_event", eventId)
                .merchant(tenants.app(appId).merchantId())
                .after(Map.of("app_id", appId, "resent", resent)));
        return resent;
    }

    @Transactional
    int resendDead(String appId, @Nullable Instant from, @Nullable Instant to) {
        String merchantId = tenants.app(appId).merchantId();
        int resent = events.resendDead(appId, from, to);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("from", from);
        after.put("to", to);
        after.put("resent", resent);
        audit.record(AuditChange.of("app.webhook_dead_deliveries.resent", "app", appId)
                .merchant(merchantId)
                .after(after));
        return resent;
    }

    private static List<String> texts(List<Duration> waits) {
        return waits.stream().map(Duration::toString).toList();
    }
}
