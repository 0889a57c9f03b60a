package io.tongbao.webhook;

import io.tongbao.merchant.WebhookSignatures;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.web.ApiException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resending deliveries from the console, as {@code POST /api/operator/webhooks/resend} does for an app's dead ones:
 * the schedule starts again from now and earlier attempts stay on record. Scoped like {@link WebhookQueries}: a
 * merchant resends only its own deliveries; another's, an unknown one, or one already pending is skipped. Each
 * delivery scheduled again is in the audit trail, in the same transaction.
 */
@Service
public class WebhookResends {

    /** What one request may resend: a console page's selection, not a bulk job. */
    public static final int MAX_DELIVERIES = 1_000;

    private final JdbcClient jdbc;
    private final DeliveryStore deliveries;
    private final WebhookSignatures apps;
    private final Clock clock;
    private final AuditTrail audit;

    WebhookResends(JdbcClient jdbc, DeliveryStore deliveries, WebhookSignatures apps, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.apps = apps;
        this.clock = clock;
        this.audit = audit;
    }

    /** How many of the deliveries were scheduled again. */
    @Transactional
    public int resend(@Nullable MerchantId scope, Collection<String> deliveryIds) {
        if (deliveryIds.size() > MAX_DELIVERIES) {
            throw ApiException.invalid("delivery_ids", "at most " + MAX_DELIVERIES);
        }
        String merchantId = scope == null ? null : scope.value();
        Map<String, Owner> resent = new LinkedHashMap<>();
        for (String deliveryId : new LinkedHashSet<>(deliveryIds)) {
            Owner owner = ownerOf(deliveryId);
            if (owner != null
                    && deliveries.resendDelivery(
                            deliveryId,
                            merchantId,
                            apps.defaultNotifyUrl(owner.appId()).orElse(null),
                            clock.instant())) {
                resent.put(deliveryId, owner);
            }
        }
        // the audit trail last: its appends are serialized until the transaction ends
        resent.forEach((deliveryId, owner) ->
                audit.record(AuditChange.of("webhook_delivery.resent", "webhook_delivery", deliveryId)
                        .merchant(owner.merchantId())
                        .after(Map.of("app_id", owner.appId(), "event_id", owner.eventId()))));
        return resent.size();
    }

    private record Owner(String appId, String merchantId, String eventId) {}

    private @Nullable Owner ownerOf(String deliveryId) {
        if (deliveryId.indexOf('\0') >= 0) {
            return null;
        }
        return jdbc.sql("""
                        select d.app_id, e.merchant_id, d.event_id
                        from webhook_delivery d join webhook_event e on e.id = d.event_id where d.id = :id""")
                .param("id", deliveryId)
                .query((rs, n) ->
                        new Owner(rs.getString("app_id"), rs.getString("merchant_id"), rs.getString("event_id")))
                .optional()
                .orElse(null);
    }
}
