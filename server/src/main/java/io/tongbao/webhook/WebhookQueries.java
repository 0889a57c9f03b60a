package io.tongbao.webhook;

import static io.tongbao.shared.time.JdbcTime.instant;
import static io.tongbao.shared.time.JdbcTime.requiredInstant;

import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.Cursor;
import io.tongbao.shared.page.Page;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.time.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the console reads of webhooks: deliveries with their outcome, one delivery with every attempt and the body it
 * sends, a payment's deliveries for its timeline. Every read takes a scope: a merchant's id (a merchant user's
 * console passes its own, and never sees another merchant's rows) or {@code null} for the operator, who sees all.
 */
@Service
public class WebhookQueries {

    /**
     * The event is about the object, or about the payment when it is a payment's or a refund's: the payment is such
     * an event's stream key, or (recorded before stream keys) the {@code payment_id} of a refund event's data.
     */
    private static final String CONCERNS_OBJECT = """
            (e.object_id = :object
             or ((e.type like 'payment.%' or e.type like 'refund.%') and e.stream_key = :object)
             or (e.stream_key is null and e.type like 'refund.%'
                 and cast(e.payload as jsonb) -> 'data' ->> 'payment_id' = :object))""";

    private static final String COLUMNS = """
            select d.id, d.event_id, e.type, e.merchant_id, d.app_id, e.object_id, d.url, d.status, d.attempt_count,
                   d.last_status, last.latency_ms, d.last_error, d.next_attempt_at, d.created_at, d.delivered_at""";
    private static final String FROM = """
            from webhook_delivery d
            join webhook_event e on e.id = d.event_id
            left join lateral (select a.latency_ms from webhook_attempt a where a.delivery_id = d.id
                               order by a.id desc limit 1) last on true
            """;
    private static final String IN_SCOPE = "(cast(:merchant as text) is null or e.merchant_id = :merchant)";

    private final JdbcClient jdbc;

    WebhookQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public enum DeliveryStatus {
        PENDING,
        SUCCEEDED,
        /** Given up after the last retry, or never sendable (no notify URL): a dead letter, resendable. */
        DEAD
    }

    /**
     * Which deliveries to list; every field but the scope is optional. {@code objectId}: the event's object, or the
     * payment a payment or refund event is about. {@code from} inclusive, {@code to} exclusive, on the delivery's
     * creation.
     */
    public record DeliveryFilter(
            @Nullable MerchantId scope,
            @Nullable String appId,
            @Nullable DeliveryStatus status,
            @Nullable String eventType,
            @Nullable String objectId,
            @Nullable Instant from,
            @Nullable Instant to) {

        /** Everything the scope may see. */
        public static DeliveryFilter of(@Nullable MerchantId scope) {
            return new DeliveryFilter(scope, null, null, null, null, null, null);
        }
    }

    /**
     * A delivery as a list shows it. {@code attempts}: made so far since it was last (re)scheduled;
     * {@code lastLatencyMs}: of the latest attempt on record.
     */
    public record DeliveryRow(
            String deliveryId,
            String eventId,
            String eventType,
            String merchantId,
            String appId,
            String objectId,
            @Nullable String url,
            DeliveryStatus status,
            int attempts,
            @Nullable Integer lastHttpStatus,
            @Nullable Integer lastLatencyMs,
            @Nullable String lastError,
            @Nullable Instant nextAttemptAt,
            Instant createdAt,
            @Nullable Instant deliveredAt) {}

    /** One attempt: what came back ({@code httpStatus} null when nothing did), how long it took, what went wrong. */
    public record Attempt(
            Instant attemptedAt,
            @Nullable Integer httpStatus,
            int latencyMs,
            @Nullable String error,
            @Nullable String responseExcerpt) {}

    /**
     * A delivery with every attempt, oldest first, and the event's body: the JSON that is sent. The signature header
     * is made at each send and never stored, so no secret is here.
     */
    public record DeliveryDetail(DeliveryRow delivery, String eventBody, List<Attempt> attempts) {}

    /** Newest first. */
    public Page<DeliveryRow> deliveries(DeliveryFilter filter, PageRequest request) {
        String sql = COLUMNS + "\n" + FROM
                + """
                where %s
                  and (cast(:app as text) is null or d.app_id = :app)
                  and (cast(:status as text) is null or d.status = :status)
                  and (cast(:type as text) is null or e.type = :type)
                  and (cast(:object as text) is null or %s)
                  and (cast(:from as timestamptz) is null or d.created_at >= :from)
                  and (cast(:to as timestamptz) is null or d.created_at < :to)
                  and %s
                order by %s limit :limit""".formatted(
                                IN_SCOPE,
                                CONCERNS_OBJECT,
                                request.keysetCondition("d.created_at", "d.id"),
                                request.order("d.created_at", "d.id"));
        List<DeliveryRow> rows = request.bind(jdbc.sql(sql))
                .param("merchant", scope(filter.scope()))
                .param("app", filter.appId())
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("type", filter.eventType())
                .param("object", filter.objectId())
                .param("from", JdbcTime.at(filter.from()))
                .param("to", JdbcTime.at(filter.to()))
                .query(WebhookQueries::row)
                .list();
        return Page.of(rows, request, row -> new Cursor(row.createdAt(), row.deliveryId()));
    }

    public Optional<DeliveryDetail> delivery(@Nullable MerchantId scope, String deliveryId) {
        record Found(DeliveryRow row, String payload) {}
        return jdbc.sql(COLUMNS + ", e.payload\n" + FROM + "where d.id = :id and " + IN_SCOPE)
                .param("id", deliveryId)
                .param("merchant", scope(scope))
                .query((rs, rowNumber) ->
                        new Found(row(rs, rowNumber), Objects.requireNonNull(rs.getString("payload"))))
                .optional()
                .map(found -> new DeliveryDetail(found.row(), found.payload(), attempts(deliveryId)));
    }

    /** The deliveries of a payment's events and its refunds', oldest first: for the payment's timeline. */
    public List<DeliveryRow> deliveriesForPayment(@Nullable MerchantId scope, String paymentId) {
        return jdbc.sql(COLUMNS + "\n" + FROM + "where " + IN_SCOPE + " and " + CONCERNS_OBJECT
                        + " order by d.created_at, d.id")
                .param("merchant", scope(scope))
                .param("object", paymentId)
                .query(WebhookQueries::row)
                .list();
    }

    private List<Attempt> attempts(String deliveryId) {
        return jdbc.sql("""
                        select attempted_at, status_code, latency_ms, error, response_excerpt from webhook_attempt
                        where delivery_id = :delivery order by id""")
                .param("delivery", deliveryId)
                .query((rs, row) -> new Attempt(
                        requiredInstant(rs, "attempted_at"),
                        rs.getObject("status_code", Integer.class),
                        rs.getInt("latency_ms"),
                        rs.getString("error"),
                        rs.getString("response_excerpt")))
                .list();
    }

    private static @Nullable String scope(@Nullable MerchantId scope) {
        return scope == null ? null : scope.value();
    }

    private static DeliveryRow row(ResultSet rs, int row) throws SQLException {
        return new DeliveryRow(
                rs.getString("id"),
                rs.getString("event_id"),
                rs.getString("type"),
                rs.getString("merchant_id"),
                rs.getString("app_id"),
                rs.getString("object_id"),
                rs.getString("url"),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getInt("attempt_count"),
                rs.getObject("last_status", Integer.class),
                rs.getObject("latency_ms", Integer.class),
                rs.getString("last_error"),
                instant(rs, "next_attempt_at"),
                requiredInstant(rs, "created_at"),
                instant(rs, "delivered_at"));
    }
}
