package io.tongbao.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import io.tongbao.merchant.WebhookSignatures;
import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.page.PageRequest;
import io.tongbao.shared.time.JdbcTime;
import io.tongbao.support.KeysetWalk;
import io.tongbao.support.MutableClock;
import io.tongbao.support.TestDatabase;
import io.tongbao.webhook.WebhookQueries.DeliveryFilter;
import io.tongbao.webhook.WebhookQueries.DeliveryRow;
import io.tongbao.webhook.WebhookQueries.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's reads of webhook deliveries and its resend, on the webhook tables alone (real PostgreSQL). */
class WebhookQueriesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final HikariDataSource dataSource = TestDatabase.freshDataSource(4, "classpath:db/migration/webhook");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    private final WebhookSignatures apps = mock(WebhookSignatures.class);
    private final WebhookQueries queries = new WebhookQueries(jdbc);
    private final List<AuditChange> audited = new ArrayList<>();
    private final WebhookResends resends = new WebhookResends(jdbc, new DeliveryStore(jdbc), apps, clock, audited::add);

    private final MerchantId merchantA = MerchantId.of(Ids.next("mch"));
    private final MerchantId merchantB = MerchantId.of(Ids.next("mch"));
    private final String appA = Ids.next("app");
    private final String appA2 = Ids.next("app");
    private final String appB = Ids.next("app");

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aMerchantSeesOnlyItsOwnDeliveriesAndTheOperatorSeesAll() {
        String paymentA = Ids.next("pay");
        String paymentB = Ids.next("pay");
        String ofA = delivery(merchantA, appA, "payment.succeeded", paymentA, paymentA, T0, "SUCCEEDED");
        String ofB = delivery(merchantB, appB, "payment.succeeded", paymentB, paymentB, T0, "SUCCEEDED");

        assertThat(ids(DeliveryFilter.of(merchantA))).containsExactly(ofA);
        assertThat(ids(DeliveryFilter.of(merchantB))).containsExactly(ofB);
        assertThat(ids(DeliveryFilter.of(null))).containsExactlyInAnyOrder(ofA, ofB);

        assertThat(queries.delivery(merchantA, ofB)).isEmpty();
        assertThat(queries.delivery(merchantA, ofA)).isPresent();
        assertThat(queries.delivery(null, ofB)).isPresent();
        assertThat(queries.deliveriesForPayment(merchantA, paymentB)).isEmpty();
        assertThat(queries.deliveriesForPayment(merchantB, paymentB))
                .extracting(DeliveryRow::deliveryId)
                .containsExactly(ofB);
        // a filter naming another merchant's app or object finds nothing either
        assertThat(ids(new DeliveryFilter(merchantA, appB, null, null, null, null, null)))
                .isEmpty();
        assertThat(ids(new DeliveryFilter(merchantA, null, null, null, paymentB, null, null)))
                .isEmpty();
    }

    @Test
    void filtersByAppStatusTypeObjectAndTime() {
        String payment = Ids.next("pay");
        String refund = Ids.next("rfd");
        String succeeded = delivery(merchantA, appA, "payment.succeeded", payment, payment, T0, "SUCCEEDED");
        String refunded = delivery(merchantA, appA, "refund.succeeded", refund, payment, T0.plusSeconds(60), "DEAD");
        String otherApp =
                delivery(merchantA, appA2, "payment.closed", Ids.next("pay"), null, T0.plusSeconds(120), "PENDING");
        String ledger = delivery(
                merchantA, appA, "ledger.transfer.posted", Ids.next("trf"), "acct_1", T0.plusSeconds(180), "DEAD");

        assertThat(ids(new DeliveryFilter(merchantA, appA2, null, null, null, null, null)))
                .containsExactly(otherApp);
        assertThat(ids(new DeliveryFilter(merchantA, null, DeliveryStatus.DEAD, null, null, null, null)))
                .containsExactly(ledger, refunded);
        assertThat(ids(new DeliveryFilter(merchantA, null, null, "refund.succeeded", null, null, null)))
                .containsExactly(refunded);
        // the payment's id finds its own event and its refund's
        assertThat(ids(new DeliveryFilter(merchantA, null, null, null, payment, null, null)))
                .containsExactly(refunded, succeeded);
        assertThat(ids(new DeliveryFilter(merchantA, null, null, null, refund, null, null)))
                .containsExactly(refunded);
        // a ledger event's stream key is an account, not an object a filter names
        assertThat(ids(new DeliveryFilter(merchantA, null, null, null, "acct_1", null, null)))
                .isEmpty();
        assertThat(ids(new DeliveryFilter(merchantA, null, null, null, null, T0.plusSeconds(60), T0.plusSeconds(180))))
                .containsExactly(otherApp, refunded);
    }

    @Test
    void aPaymentsTimelineHasItsDeliveriesAndItsRefundsOldestFirstAlsoFromBeforeStreamKeys() {
        String payment = Ids.next("pay");
        String refund = Ids.next("rfd");
        String succeeded = delivery(merchantA, appA, "payment.succeeded", payment, payment, T0, "SUCCEEDED");
        String refunded =
                delivery(merchantA, appA, "refund.succeeded", refund, payment, T0.plusSeconds(60), "SUCCEEDED");
        // recorded before events had a stream key: the refund's payment is only in its body
        String oldRefund =
                delivery(merchantA, appA, "refund.failed", Ids.next("rfd"), null, payment, T0.plusSeconds(120), "DEAD");
        delivery(merchantA, appA, "payment.succeeded", Ids.next("pay"), null, T0.plusSeconds(30), "SUCCEEDED");

        assertThat(queries.deliveriesForPayment(merchantA, payment))
                .extracting(DeliveryRow::deliveryId)
                .containsExactly(succeeded, refunded, oldRefund);
        assertThat(queries.deliveriesForPayment(null, payment)).hasSize(3);
    }

    @Test
    void aDeliveryComesWithEveryAttemptAndTheBodySent() {
        String payment = Ids.next("pay");
        String id = delivery(merchantA, appA, "payment.succeeded", payment, payment, T0, "PENDING");
        attempt(id, T0.plusSeconds(5), 500, 120, "HTTP 500");
        attempt(id, T0.plusSeconds(130), null, 10_000, "timed out");
        jdbc.sql("update webhook_delivery set attempt_count = 2, last_status = null, next_attempt_at = :next"
                        + " where id = :id")
                .param("next", JdbcTime.at(T0.plusSeconds(730)))
                .param("id", id)
                .update();

        WebhookQueries.DeliveryDetail detail = queries.delivery(merchantA, id).orElseThrow();

        assertThat(detail.attempts())
                .extracting(WebhookQueries.Attempt::httpStatus, WebhookQueries.Attempt::latencyMs)
                .containsExactly(tuple(500, 120), tuple(null, 10_000));
        assertThat(detail.attempts().getLast().error()).isEqualTo("timed out");
        assertThat(detail.delivery().attempts()).isEqualTo(2);
        assertThat(detail.delivery().lastLatencyMs()).isEqualTo(10_000);
        assertThat(detail.delivery().nextAttemptAt()).isEqualTo(T0.plusSeconds(730));
        assertThat(detail.delivery().url()).isEqualTo("https://shop.example/notify");
        assertThat(detail.eventBody()).contains("\"payment_id\":\"" + payment + "\"");
    }

    @Test
    void pagesWalkForwardAndBackAcrossRowsOfTheSameTime() {
        for (int i = 0; i < 7; i++) {
            delivery(merchantA, appA, "payment.succeeded", Ids.next("pay"), null, T0, "SUCCEEDED");
        }
        for (int i = 0; i < 4; i++) {
            delivery(merchantA, appA, "payment.closed", Ids.next("pay"), null, T0.plusSeconds(i), "SUCCEEDED");
        }
        delivery(merchantB, appB, "payment.closed", Ids.next("pay"), null, T0, "SUCCEEDED");

        List<DeliveryRow> rows =
                KeysetWalk.rows(request -> queries.deliveries(DeliveryFilter.of(merchantA), request), 3);

        assertThat(rows).hasSize(11);
        assertThat(rows)
                .extracting(DeliveryRow::deliveryId)
                .containsExactlyElementsOf(ids(DeliveryFilter.of(merchantA)));
        assertThat(rows)
                .isSortedAccordingTo((a, b) -> a.createdAt().equals(b.createdAt())
                        ? b.deliveryId().compareTo(a.deliveryId())
                        : b.createdAt().compareTo(a.createdAt()));
        assertThat(queries.deliveries(DeliveryFilter.of(merchantA), PageRequest.of("not a cursor", "next", 3))
                        .rows())
                .as("a mangled cursor opens the first page")
                .isEqualTo(rows.subList(0, 3));
    }

    @Test
    void resendSchedulesAMerchantsOwnFinishedDeliveriesOnce() {
        when(apps.defaultNotifyUrl(appA)).thenReturn(Optional.of("https://shop.example/notify"));
        when(apps.defaultNotifyUrl(appB)).thenReturn(Optional.of("https://other.example/notify"));
        String dead = delivery(merchantA, appA, "payment.succeeded", Ids.next("pay"), null, T0, "DEAD");
        String pending = delivery(merchantA, appA, "payment.closed", Ids.next("pay"), null, T0, "PENDING");
        String othersDead = delivery(merchantB, appB, "payment.succeeded", Ids.next("pay"), null, T0, "DEAD");

        int resent = resends.resend(merchantA, List.of(dead, pending, othersDead, "whd_unknown", dead));

        assertThat(resent).isOne();
        assertThat(row(dead).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(row(dead).nextAttemptAt()).isEqualTo(clock.instant());
        assertThat(row(dead).attempts()).isZero();
        assertThat(row(othersDead).status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(audited)
                .extracting(AuditChange::action, AuditChange::targetId, AuditChange::merchantId)
                .containsExactly(tuple("webhook_delivery.resent", dead, merchantA.value()));
        // scheduled already: a second click schedules nothing more
        assertThat(resends.resend(merchantA, List.of(dead))).isZero();
        // the operator may resend anyone's
        assertThat(resends.resend(null, List.of(othersDead))).isOne();
        assertThat(audited).extracting(AuditChange::targetId).containsExactly(dead, othersDead);
    }

    @Test
    void aDeadLetterWithoutAnyUrlStaysDeadUntilTheAppHasOne() {
        String dead = delivery(merchantA, appA, "payment.succeeded", Ids.next("pay"), null, T0, "DEAD");
        jdbc.sql("update webhook_delivery set url = null where id = :id")
                .param("id", dead)
                .update();
        when(apps.defaultNotifyUrl(appA)).thenReturn(Optional.empty());

        assertThat(resends.resend(merchantA, List.of(dead))).isZero();

        when(apps.defaultNotifyUrl(appA)).thenReturn(Optional.of("https://shop.example/new"));
        assertThat(resends.resend(merchantA, List.of(dead))).isOne();
        assertThat(row(dead).url()).isEqualTo("https://shop.example/new");
    }

    private DeliveryRow row(String deliveryId) {
        return queries.delivery(null, deliveryId).orElseThrow().delivery();
    }

    private List<String> ids(DeliveryFilter filter) {
        return queries.deliveries(filter, PageRequest.first(PageRequest.MAX_LIMIT)).rows().stream()
                .map(DeliveryRow::deliveryId)
                .toList();
    }

    private String delivery(
            MerchantId merchant,
            String app,
            String type,
            String objectId,
            @Nullable String streamKey,
            Instant at,
            String status) {
        String paymentInBody = type.startsWith("payment.") ? objectId : streamKey;
        return delivery(merchant, app, type, objectId, streamKey, paymentInBody, at, status);
    }

    /**
     * An event and its delivery as {@link WebhookOutbox} records them; {@code streamKey} null as for an event recorded
     * before stream keys, when a refund's payment was only in its body.
     */
    private String delivery(
            MerchantId merchant,
            String app,
            String type,
            String objectId,
            @Nullable String streamKey,
            @Nullable String paymentInBody,
            Instant at,
            String status) {
        String eventId = Ids.next("evt");
        String body = "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"data\":{\"payment_id\":"
                + (paymentInBody == null ? "null" : "\"" + paymentInBody + "\"") + "}}";
        jdbc.sql("""
                        insert into webhook_event (id, merchant_id, app_id, type, api_version, object_id, stream_key,
                            source_key, payload, created_at)
                        values (:id, :merchant, :app, :type, '2026-11-22', :object, :stream, :source, :payload, :at)""")
                .param("id", eventId)
                .param("merchant", merchant.value())
                .param("app", app)
                .param("type", type)
                .param("object", objectId)
                .param("stream", streamKey)
                .param("source", type + ":" + eventId)
                .param("payload", body)
                .param("at", JdbcTime.at(at))
                .update();
        String deliveryId = Ids.next("whd");
        jdbc.sql("""
                        insert into webhook_delivery (id, event_id, app_id, url, status, next_attempt_at, created_at,
                            updated_at)
                        values (:id, :event, :app, 'https://shop.example/notify', :status, :next, :at, :at)""")
                .param("id", deliveryId)
                .param("event", eventId)
                .param("app", app)
                .param("status", status)
                .param("next", status.equals("PENDING") ? JdbcTime.at(at) : null)
                .param("at", JdbcTime.at(at))
                .update();
        return deliveryId;
    }

    private void attempt(String deliveryId, Instant at, @Nullable Integer status, int latencyMs, String error) {
        jdbc.sql("""
                        insert into webhook_attempt (delivery_id, attempted_at, status_code, latency_ms, error)
                        values (:delivery, :at, :status, :latency, :error)""")
                .param("delivery", deliveryId)
                .param("at", JdbcTime.at(at))
                .param("status", status)
                .param("latency", latencyMs)
                .param("error", error)
                .update();
    }
}
