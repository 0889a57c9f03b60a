package io.tongbao.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.TongbaoException;
import io.tongbao.sdk.WebhookVerifier;
import io.tongbao.sdk.ledger.Batch;
import io.tongbao.sdk.ledger.NewHold;
import io.tongbao.sdk.ledger.NewTransfer;
import io.tongbao.support.EndToEnd;
import io.tongbao.support.LedgerMerchant;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.OwnDatabaseInitializer;
import io.tongbao.support.WebhookReceiver;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/** Ledger events as a merchant receives them: hold.expired always, ledger.transfer.posted once the app opts in. */
@EndToEnd
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
@TestPropertySource(
        properties = {
            "tongbao.channels.enabled=false",
            "tongbao.webhooks.dispatcher-enabled=true",
            "tongbao.webhooks.allow-private-targets=true",
            "tongbao.webhooks.poll-interval=PT0.2S"
        })
@SuppressWarnings("unchecked")
class LedgerWebhookTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    WebhookReceiver receiver;
    OperatorClient operator;
    LedgerMerchant merchant;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
        operator = new OperatorClient(port, jdbc, passwords);
        merchant = LedgerMerchant.onboard(operator, receiver.url());
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void anExpiredHoldIsSentSignedToTheAppThatCreatedItWithoutAnyOptIn() {
        merchant.issue("issue-1", merchant.alice(), 1_000);
        merchant.ledger()
                .hold(NewHold.of("h-1", "gold", merchant.alice(), merchant.bob(), 300, LedgerMerchant.GIFT, 1));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !received("hold.expired").isEmpty());
        WebhookReceiver.Received delivery = received("hold.expired").getFirst();
        WebhookVerifier.Event event =
                WebhookVerifier.hmac(merchant.app().secret()).verify(delivery.body(), delivery.signature());
        assertThat(event.type()).isEqualTo("hold.expired");
        assertThat(event.data())
                .containsEntry("hold_id", "h-1")
                .containsEntry("amount", 300)
                .containsEntry("from_account", merchant.alice())
                .containsEntry("to_account", merchant.bob())
                .containsEntry("point_type", "gold")
                .containsEntry("expire_transfer_id", "~expire:h-1")
                .containsEntry("app_id", merchant.app().appId())
                .containsKeys("expires_at", "expired_at");
        assertThat(merchant.ledger().account(merchant.alice()).frozen()).isZero();
        assertThat(eventTypes()).as("transfer events were not asked for").containsExactly("hold.expired");
    }

    @Test
    void transferEventsAreRecordedAndSentOnlyWhileTheAppIsOptedIn() {
        merchant.issue("before", merchant.alice(), 1_000);
        assertThat(settings().get("event_types")).isEqualTo(List.of());

        Map<?, ?> changed = merchant.client()
                .put("/api/v1/webhook-settings", Map.of("event_types", List.of("ledger.transfer.posted")), Map.class);
        assertThat(changed.get("event_types")).isEqualTo(List.of("ledger.transfer.posted"));
        assertThat((List<Object>) changed.get("always")).contains("hold.expired", "payment.succeeded");
        merchant.gift("after-1", merchant.alice(), merchant.bob(), 10);
        merchant.ledger()
                .batch(Batch.linked(List.of(
                        NewTransfer.of("b-1", "gold", merchant.alice(), merchant.bob(), 20, LedgerMerchant.GIFT),
                        NewTransfer.of("b-2", "gold", merchant.bob(), merchant.alice(), 5, LedgerMerchant.GIFT))));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> received("ledger.transfer.posted").size() >= 3);
        WebhookReceiver.Received first = received("ledger.transfer.posted").stream()
                .filter(r -> new String(r.body()).contains("\"after-1\""))
                .findFirst()
                .orElseThrow();
        WebhookVerifier.Event event =
                WebhookVerifier.hmac(merchant.app().secret()).verify(first.body(), first.signature());
        assertThat(event.data())
                .containsEntry("transfer_id", "after-1")
                .containsEntry("kind", "TRANSFER")
                .containsEntry("from_account", merchant.alice())
                .containsEntry("to_account", merchant.bob())
                .containsEntry("amount", 10)
                .containsEntry("reason", LedgerMerchant.GIFT)
                .containsEntry("merchant_id", merchant.app().merchantId());
        assertThat(objects("ledger.transfer.posted")).containsExactlyInAnyOrder("after-1", "b-1", "b-2");
        Map<?, ?> page = merchant.client().get("/api/v1/events", Map.of("types", "ledger.transfer.posted"), Map.class);
        assertThat((List<?>) page.get("data")).hasSize(3);

        merchant.client().put("/api/v1/webhook-settings", Map.of("event_types", List.of()), Map.class);
        merchant.gift("opted-out", merchant.alice(), merchant.bob(), 1);
        merchant.ledger().hold(NewHold.of("h-2", "gold", merchant.alice(), merchant.bob(), 1, LedgerMerchant.GIFT, 1));
        // the expiry comes later in the journal than the transfer: once it is recorded, the transfer would have been
        await().atMost(Duration.ofSeconds(20))
                .until(() -> objects("hold.expired").contains("h-2"));
        assertThat(objects("ledger.transfer.posted")).doesNotContain("opted-out", "h-2");
    }

    @Test
    void onlyOptionalEventTypesCanBeChosenByTheAppOrTheOperator() {
        assertThatThrownBy(() -> merchant.client()
                        .put(
                                "/api/v1/webhook-settings",
                                Map.of("event_types", List.of("payment.succeeded")),
                                Map.class))
                .isInstanceOf(TongbaoException.InvalidRequest.class)
                .hasMessageContaining("event_types");
        assertThatThrownBy(() -> merchant.client()
                        .put("/api/v1/webhook-settings", Map.of("event_types", List.of("nonsense")), Map.class))
                .isInstanceOf(TongbaoException.InvalidRequest.class);
        // a null among the names was a NullPointerException answered 500 (found by the fuzzer)
        assertThatThrownBy(() -> merchant.client()
                        .put(
                                "/api/v1/webhook-settings",
                                Map.of("event_types", Arrays.asList("ledger.transfer.posted", null)),
                                Map.class))
                .isInstanceOf(TongbaoException.InvalidRequest.class)
                .hasMessageContaining("event_types");

        String path = "/api/operator/apps/" + merchant.app().appId() + "/webhook-event-types";
        OperatorClient.Response set = operator.put(path, Map.of("event_types", List.of("ledger.transfer.posted")));
        assertThat(set.status()).isEqualTo(200);
        assertThat(operator.get(path).body().get("event_types").get(0).asString())
                .isEqualTo("ledger.transfer.posted");
        assertThat(settings().get("event_types")).isEqualTo(List.of("ledger.transfer.posted"));
    }

    private Map<?, ?> settings() {
        return merchant.client().get("/api/v1/webhook-settings", Map.of(), Map.class);
    }

    private List<WebhookReceiver.Received> received(String type) {
        return receiver.received().stream().filter(r -> type.equals(r.type())).toList();
    }

    private List<String> eventTypes() {
        return jdbc.sql("select type from webhook_event where app_id = :app order by created_at")
                .param("app", merchant.app().appId())
                .query(String.class)
                .list();
    }

    private List<String> objects(String type) {
        return jdbc.sql(
                        "select object_id from webhook_event where app_id = :app and type = :type order by created_at, id")
                .param("app", merchant.app().appId())
                .param("type", type)
                .query(String.class)
                .list();
    }
}
