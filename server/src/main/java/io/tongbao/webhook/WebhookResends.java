package io.tongbao.webhook;

import io.tongbao.merchant.WebhookSignatures;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.web.ApiException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Resending deliveries from the console, as {@code POST /api/operator/webhooks/resend} does for an app's dead ones:
 * the schedule starts again from now and earlier attempts stay on record. Scoped like {@link WebhookQueries}: a
 * merchant resends only its own deliveries; another's, an unknown one, or one already pending is skipped.
 */
@Service
public class WebhookResends {

    /** What one request may resend: a console page's selection, not a bulk job. */
    public static final int MAX_DELIVERIES = 1_000;

    private final JdbcClient jdbc;
    private final DeliveryStore deliveries;
    private final WebhookSignatures apps;
    private final Clock clock;

    WebhookResends(JdbcClient jdbc, DeliveryStore deliveries, WebhookSignatures apps, Clock clock) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.apps = apps;
        this.clock = clock;
    }

    /** How many of the deliveries were scheduled again. */
    public int resend(@Nullable MerchantId scope, Collection<String> deliveryIds) {
        if (deliveryIds.size() > MAX_DELIVERIES) {
            throw ApiException.invalid("delivery_ids", "at most " + MAX_DELIVERIES);
        }
        String merchantId = scope == null ? null : scope.value();
        int resent = 0;
        for (String deliveryId : new LinkedHashSet<>(deliveryIds)) {
            String appId = appOf(deliveryId);
            if (appId != null
                    && deliveries.resendDelivery(
                            deliveryId, merchantId, apps.defaultNotifyUrl(appId).orElse(null), clock.instant())) {
                resent++;
            }
        }
        return resent;
    }

    private @Nullable String appOf(String deliveryId) {
        return jdbc.sql("select app_id from webhook_delivery where id = :id")
                .param("id", deliveryId)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
