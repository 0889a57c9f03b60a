package io.tongbao.webhook;

import static io.tongbao.shared.time.JdbcTime.at;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Deliveries and their attempts in SQL; claims are leases, so two nodes never send one delivery at the same time. */
@Repository
class DeliveryStore {

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Claimed(
            String id, String eventId, String appId, String url, int attemptCount, String type, String payload) {}

    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        with claimed as (
                            update webhook_delivery set next_attempt_at = :lease
                            where id in (select id from webhook_delivery
                                         where status = 'PENDING' and next_attempt_at <= :now
                                         order by next_attempt_at limit :limit for update skip locked)
                            returning id, event_id, app_id, url, attempt_count)
                        select c.id, c.event_id, c.app_id, c.url, c.attempt_count, e.type, e.payload
                        from claimed c join webhook_event e on e.id = c.event_id""")
                .param("lease", at(leaseUntil))
                .param("now", at(now))
                .param("limit", limit)
                .query((rs, row) -> new Claimed(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getString(7)))
                .list();
    }

    void recordAttempt(String deliveryId, Instant at, WebhookSender.Result result) {
        jdbc.sql("""
                        insert into webhook_attempt (delivery_id, attempted_at, status_code, latency_ms, response_excerpt, error)
                        values (:delivery, :at, :status, :latency, :excerpt, :error)""")
                .param("delivery", deliveryId)
                .param("at", at(at))
                .param("status", result.status())
                .param("latency", (int) Math.min(Integer.MAX_VALUE, result.latencyMs()))
                .param("excerpt", result.excerpt())
                .param("error", result.error())
                .update();
    }

    boolean succeeded(String deliveryId, Integer status, Instant now) {
        return jdbc.sql("""
                        update webhook_delivery set status = 'SUCCEEDED', attempt_count = attempt_count + 1,
                               last_status = :status, last_error = null, next_attempt_at = null, delivered_at = :now,
                               updated_at = :now
                        where id = :id and status = 'PENDING'""")
                        .param("status", status)
                        .param("now", at(now))
                        .param("id", deliveryId)
                        .update()
                == 1;
    }

    void retryAt(String deliveryId, Instant next, @Nullable Integer status, String error, Instant now) {
        jdbc.sql("""
                        update webhook_delivery set attempt_count = attempt_count + 1, last_status = :status,
                               last_error = :error, next_attempt_at = :next, updated_at = :now
                        where id = :id and status = 'PENDING'""")
                .param("status", status)
                .param("error", error)
                .param("next", at(next))
                .param("now", at(now))
                .param("id", deliveryId)
                .update();
    }

    void dead(String deliveryId, @Nullable Integer status, String error, Instant now) {
        jdbc.sql("""
                        update webhook_delivery set status = 'DEAD', attempt_count = attempt_count + 1,
                               last_status = :status, last_error = :error, next_attempt_at = null, updated_at = :now
                        where id = :id and status = 'PENDING'""")
                .param("status", status)
                .param("error", error)
                .param("now", at(now))
                .param("id", deliveryId)
                .update();
    }

    /** Another delivery to the same endpoint is in flight: try this one again shortly, without counting an attempt. */
    void postpone(String deliveryId, Instant next) {
        jdbc.sql("update webhook_delivery set next_attempt_at = :next where id = :id and status = 'PENDING'")
                .param("next", at(next))
                .param("id", deliveryId)
                .update();
    }

    /** Resend: the schedule starts again from now; earlier attempts stay on record. */
    int resend(String appId, String eventId, @Nullable String fallbackUrl, Instant now) {
        return jdbc.sql("""
                        update webhook_delivery set status = 'PENDING', attempt_count = 0, next_attempt_at = :now,
                               url = coalesce(url, :fallback), last_error = null, updated_at = :now
                        where event_id = :event and app_id = :app and status <> 'PENDING'
                          and coalesce(url, :fallback) is not null""")
                .param("now", at(now))
                .param("event", eventId)
                .param("app", appId)
                .param("fallback", fallbackUrl)
                .update();
    }

    /**
     * Resend one delivery, when the scope (a merchant's id, or null for any) owns it and it is not already pending:
     * a pending one is scheduled or being sent, and is not scheduled twice.
     */
    boolean resendDelivery(String deliveryId, @Nullable String merchantId, @Nullable String fallbackUrl, Instant now) {
        return jdbc.sql("""
                        update webhook_delivery d set status = 'PENDING', attempt_count = 0, next_attempt_at = :now,
                               url = coalesce(d.url, :fallback), last_error = null, updated_at = :now
                        from webhook_event e
                        where d.id = :id and e.id = d.event_id and d.status <> 'PENDING'
                          and (cast(:merchant as text) is null or e.merchant_id = :merchant)
                          and coalesce(d.url, :fallback) is not null""")
                        .param("now", at(now))
                        .param("fallback", fallbackUrl)
                        .param("id", deliveryId)
                        .param("merchant", merchantId)
                        .update()
                == 1;
    }

    List<String> deadEvents(String appId, @Nullable Instant from, @Nullable Instant to, int limit) {
        return jdbc
                .sql("""
                        select d.event_id from webhook_delivery d join webhook_event e on e.id = d.event_id
                        where d.app_id = :app and d.status = 'DEAD'
                          and (cast(:from as timestamptz) is null or e.created_at >= :from)
                          and (cast(:to as timestamptz) is null or e.created_at < :to)
                        order by e.created_at limit :limit""")
                .param("app", appId)
                .param("from", at(from))
                .param("to", at(to))
                .param("limit", limit)
                .query(String.class)
                .list()
                .stream()
                .map(Objects::requireNonNull)
                .toList();
    }
}
