package io.tongbao.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tongbao.payment.FakeChannelGateways;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.payment.spi.PaidTrade;
import io.tongbao.payment.spi.TradeRef;
import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.PaymentApi.PaymentRequest;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.sdk.WebhookVerifier;
import io.tongbao.shared.PayWay;
import io.tongbao.shared.id.AppId;
import io.tongbao.shared.id.MerchantId;
import io.tongbao.shared.id.OutTradeNo;
import io.tongbao.shared.money.Currency;
import io.tongbao.shared.money.Money;
import io.tongbao.support.EndToEnd;
import io.tongbao.support.MutableClock;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.OwnDatabaseInitializer;
import io.tongbao.support.TestEndpoints;
import io.tongbao.support.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Webhooks to a real local receiver, with time moved by a test clock instead of waited for. On a database of its
 * own: this context's clock runs up to a day ahead, and its background jobs (hold expiry, the janitor) would act on
 * other cached contexts' rows with that clock.
 */
@EndToEnd
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
@Import({TestEndpoints.class, FakeChannelGateways.class, WebhookDeliveryTest.TestClock.class})
@TestPropertySource(
        properties = {
            "tongbao.channels.enabled=false",
            "tongbao.webhooks.dispatcher-enabled=true",
            "tongbao.webhooks.allow-private-targets=true",
            "tongbao.webhooks.poll-interval=PT0.2S"
        })
class WebhookDeliveryTest {

    static final MutableClock CLOCK = new MutableClock();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    ChannelNotifications notifications;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    WebhookQueries queries;

    @Autowired
    WebhookResends resends;

    WebhookReceiver receiver;
    OperatorClient operator;
    OperatorClient.HmacApp app;
    TongbaoClient client;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
        operator = new OperatorClient(port, jdbc, passwords);
        app = operator.createHmacApp(operator.createMerchant("webhook merchant"));
        operator.configureChannels(app.appId());
        client = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId(app.appId())
                .hmacSecret(app.secret())
                .clock(CLOCK)
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void aPaidPaymentIsDeliveredSignedSoThatTheSdkAndTheDocumentedAlgorithmBothVerifyIt() throws Exception {
        String paymentId = paidPayment(receiver.url());

        await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.received().isEmpty());
        WebhookReceiver.Received delivery = receiver.received().getFirst();

        WebhookVerifier.Event event =
                WebhookVerifier.hmac(app.secret()).clock(CLOCK).verify(delivery.body(), delivery.signature());
        assertThat(event.type()).isEqualTo("payment.succeeded");
        assertThat(event.id()).isEqualTo(delivery.eventId());
        assertThat(event.data())
                .containsEntry("payment_id", paymentId)
                .containsEntry("amount", 700)
                .as("the body keeps the payment's notify URL, which the event no longer carries")
                .containsEntry("notify_url", receiver.url());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(app.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of()
                .formatHex(
                        mac.doFinal((delivery.timestamp() + "." + new String(delivery.body(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(delivery.signature()).isEqualTo("t=" + delivery.timestamp() + ",v1=" + expected);
        assertThatThrownBy(() ->
                        WebhookVerifier.hmac("sk_wrong").clock(CLOCK).verify(delivery.body(), delivery.signature()))
                .hasMessageContaining("does not verify");
        byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8)
                .replace("700", "1")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WebhookVerifier.hmac(app.secret()).clock(CLOCK).verify(tampered, delivery.signature()))
                .hasMessageContaining("does not verify");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(deliveryStatus(event.id())));
    }

    @Test
    void aServerErrorThenSuccessRecordsExactlyOneSuccessAfterTheFirstRetryDelay() {
        receiver.answer(500);
        paidPayment(receiver.url());
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        String eventId = receiver.received().getFirst().eventId();
        await().atMost(Duration.ofSeconds(10)).until(() -> attemptCount(eventId) == 1);

        receiver.answer(200);
        CLOCK.advance(Duration.ofSeconds(4));
        assertThat(receiver.received()).as("not before the 5 s retry delay").hasSize(1);
        CLOCK.advance(Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(deliveryStatus(eventId)));
        assertThat(receiver.receivedFor(eventId)).hasSize(2);
        List<Map<String, Object>> attempts =
                jdbc.sql("""
                        select a.status_code from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
                        where d.event_id = :event order by a.id""").param("event", eventId).query().listOfRows();
        assertThat(attempts).extracting(row -> row.get("status_code")).containsExactly(500, 200);
    }

    @Test
    void aReceiverDownForTheWholeScheduleEndsDeadAndAResendThenSucceeds() {
        receiver.answer(503);
        paidPayment(receiver.url());
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        String eventId = receiver.received().getFirst().eventId();
        List<Duration> schedule = List.of(
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                Duration.ofMinutes(10),
                Duration.ofMinutes(15),
                Duration.ofHours(1),
                Duration.ofHours(2),
                Duration.ofHours(6),
                Duration.ofHours(15));
        for (int retry = 0; retry < schedule.size(); retry++) {
            int attemptsSoFar = retry + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> attemptCount(eventId) == attemptsSoFar);
            CLOCK.advance(schedule.get(retry).plusSeconds(1));
            int expected = retry + 2;
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.receivedFor(eventId).size() == expected);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(deliveryStatus(eventId)));
        assertThat(receiver.receivedFor(eventId))
                .as("one try and eight retries")
                .hasSize(9);

        receiver.answer(204);
        assertThat(client.post("/api/v1/events/" + eventId + "/resend", Map.of(), Map.class))
                .containsEntry("resent", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(deliveryStatus(eventId)));
        assertThat(receiver.receivedFor(eventId)).hasSize(10);
    }

    @Test
    void theConsoleSeesAPaymentsDeliveryWithItsAttemptAndTheBodySentAndResendsItForItsMerchantOnly() {
        String paymentId = paidPayment(receiver.url());
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
        WebhookReceiver.Received sent = receiver.received().getFirst();
        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(deliveryStatus(sent.eventId())));
        MerchantId own = MerchantId.of(app.merchantId());
        MerchantId other = MerchantId.of(operator.createMerchant("another webhook merchant"));

        List<WebhookQueries.DeliveryRow> timeline = queries.deliveriesForPayment(own, paymentId);

        assertThat(timeline).singleElement().satisfies(row -> {
            assertThat(row.eventId()).isEqualTo(sent.eventId());
            assertThat(row.eventType()).isEqualTo("payment.succeeded");
            assertThat(row.status()).isEqualTo(WebhookQueries.DeliveryStatus.SUCCEEDED);
            assertThat(row.attempts()).isOne();
            assertThat(row.lastHttpStatus()).isEqualTo(200);
            assertThat(row.lastLatencyMs()).isNotNull();
            assertThat(row.url()).isEqualTo(receiver.url());
        });
        assertThat(queries.deliveriesForPayment(other, paymentId)).isEmpty();
        String deliveryId = timeline.getFirst().deliveryId();
        WebhookQueries.DeliveryDetail detail = queries.delivery(own, deliveryId).orElseThrow();
        assertThat(detail.eventBody()).isEqualTo(new String(sent.body(), StandardCharsets.UTF_8));
        assertThat(detail.attempts())
                .extracting(WebhookQueries.Attempt::httpStatus)
                .containsExactly(200);

        assertThat(resends.resend(other, List.of(deliveryId))).isZero();
        assertThat(resends.resend(own, List.of(deliveryId, deliveryId))).isOne();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.receivedFor(sent.eventId()).size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(deliveryStatus(sent.eventId())));
        assertThat(receiver.receivedFor(sent.eventId())).hasSize(2);
    }

    @Test
    void twoDispatchersOnOneDatabaseNeverSendTheSameDeliveryTwice() throws Exception {
        for (int i = 0; i < 12; i++) {
            paidPayment(receiver.url());
        }
        // besides the scheduled loop, two more "nodes" race for the same due deliveries
        CompletableFuture<Void> one = CompletableFuture.runAsync(dispatcher::dispatchDue);
        CompletableFuture<Void> two = CompletableFuture.runAsync(dispatcher::dispatchDue);
        one.get();
        two.get();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.countsByEvent().size() == 12);
        assertThat(receiver.countsByEvent().values()).containsOnly(1);
        assertThat(receiver.maxInFlight()).isLessThanOrEqualTo(4);
    }

    @Test
    void aDeliveryClaimedByANodeThatDiedIsSentWhenItsLeaseRunsOut() {
        String eventId = UUID.randomUUID().toString();
        // a node claimed the delivery (lease 30 s) and died before sending
        jdbc.sql("""
                        insert into webhook_event (id, merchant_id, app_id, type, api_version, object_id, source_key, payload, created_at)
                        values (:id, :merchant, :app, 'payment.closed', '2026-11-22', 'pay_x', :id, :payload, now())""")
                .param("id", eventId)
                .param("merchant", app.merchantId())
                .param("app", app.appId())
                .param("payload", "{\"id\":\"" + eventId + "\",\"type\":\"payment.closed\"}")
                .update();
        jdbc.sql("""
                        insert into webhook_delivery (id, event_id, app_id, url, status, next_attempt_at, created_at, updated_at)
                        values (:id, :event, :app, :url, 'PENDING', :lease, now(), now())""")
                .param("id", "whd_" + eventId)
                .param("event", eventId)
                .param("app", app.appId())
                .param("url", receiver.url())
                .param("lease", CLOCK.instant().plusSeconds(30).atOffset(ZoneOffset.UTC))
                .update();

        CLOCK.advance(Duration.ofSeconds(31));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.receivedFor(eventId).size() == 1);
    }

    @Test
    void eventsCanBeReadBackInOrderAfterACursorAndFilteredByType() {
        String first = paidPayment(null);
        String second = paidPayment(null);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> eventsOf(first).size() + eventsOf(second).size() == 2);

        Map<?, ?> page = client.get("/api/v1/events", Map.of("types", "payment.succeeded", "limit", "1"), Map.class);
        List<?> data = (List<?>) page.get("data");
        assertThat(data).hasSize(1);
        assertThat(page.get("has_more")).isEqualTo(true);
        Map<?, ?> next = client.get("/api/v1/events", Map.of("after", (String) page.get("next_after")), Map.class);
        assertThat((List<?>) next.get("data")).hasSize(1);
        assertThat(((Map<?, ?>) ((Map<?, ?>) ((List<?>) next.get("data")).getFirst()).get("data")).get("payment_id"))
                .isEqualTo(second);
        assertThatThrownBy(() -> client.get("/api/v1/events", Map.of("types", "nonsense"), Map.class))
                .isInstanceOf(TongbaoException.InvalidRequest.class);
        String eventId = eventsOf(first).getFirst();
        List<?> deliveries = client.get("/api/v1/events/" + eventId + "/deliveries", Map.of(), List.class);
        assertThat(((Map<?, ?>) deliveries.getFirst()).get("status"))
                .as("no notify URL anywhere")
                .isEqualTo("DEAD");
    }

    private String paidPayment(String notifyUrl) {
        PaymentApi.Payment payment = client.payments()
                .create(new PaymentRequest(
                        "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                        700,
                        "CNY",
                        "webhook",
                        null,
                        "ALIPAY_QR",
                        null,
                        notifyUrl,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        String attempt = jdbc.sql("select id from payment_attempt where payment_id = :p")
                .param("p", payment.id())
                .query(String.class)
                .single();
        notifications.tradePaid(
                new TradeRef(AppId.of(app.appId()), PayWay.ALIPAY_QR, OutTradeNo.of(attempt)),
                new PaidTrade("txn-" + attempt, Money.of(700, Currency.CNY), Instant.now(), false, null));
        return payment.id();
    }

    private List<String> eventsOf(String paymentId) {
        return jdbc.sql("select id from webhook_event where object_id = :p")
                .param("p", paymentId)
                .query(String.class)
                .list();
    }

    private String deliveryStatus(String eventId) {
        return jdbc.sql("select status from webhook_delivery where event_id = :e")
                .param("e", eventId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private int attemptCount(String eventId) {
        return jdbc.sql("select attempt_count from webhook_delivery where event_id = :e")
                .param("e", eventId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }
}
