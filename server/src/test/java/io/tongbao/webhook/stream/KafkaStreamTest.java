package io.tongbao.webhook.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.payment.FakeChannelGateways;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.support.EndToEnd;
import io.tongbao.support.LedgerMerchant;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.OwnDatabaseInitializer;
import io.tongbao.support.PaidPayments;
import io.tongbao.support.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Events forwarded to Kafka: an embedded KRaft broker (from Maven Central, in this JVM) that advertises itself at a
 * proxy the test can cut. The application starts while the proxy is cut, so the first events wait for a broker that
 * is down; later the connection is cut again after events went through. Skipped, saying so, if the embedded broker
 * cannot start here (printed, and in the test report).
 */
@EndToEnd
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
@Import(FakeChannelGateways.class)
@TestPropertySource(
        properties = {
            "tongbao.channels.enabled=false",
            "tongbao.streams.kafka.enabled=true",
            "tongbao.streams.kafka.topic=" + KafkaStreamTest.TOPIC,
            "tongbao.streams.kafka.timeout=PT3S",
            "tongbao.streams.max-backoff=PT1S"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "brokerStarts", disabledReason = "the embedded Kafka broker did not start (see the [tests] line)")
class KafkaStreamTest {

    static final String TOPIC = "tongbao.events.test";
    static TcpProxy proxy;
    static EmbeddedKafkaKraftBroker broker;
    static KafkaConsumer<String, byte[]> consumer;
    static final List<ConsumerRecord<String, byte[]>> RECEIVED = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    ChannelNotifications notifications;

    @Autowired
    StreamConfiguration.StreamRelays relays;

    /**
     * Starts the broker before the class runs at all: if it cannot start here, the tests are reported skipped and no
     * application is started for them.
     */
    static synchronized boolean brokerStarts() {
        if (proxy != null) {
            return broker != null;
        }
        proxy = new TcpProxy();
        try {
            broker = new EmbeddedKafkaKraftBroker(1, 3);
            // clients learn the broker's address from its metadata: it must be the proxy's, or cutting it cuts nothing
            broker.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + proxy.port());
            broker.afterPropertiesSet();
            String[] real = broker.getBrokersAsString().split(",")[0].split(":");
            proxy.forwardTo(real[0], Integer.parseInt(real[1]));
            proxy.restore();
            broker.addTopics(TOPIC);
        } catch (RuntimeException e) {
            System.out.println(
                    "[tests] the embedded Kafka broker did not start (" + e + "): skipping the Kafka stream tests");
            try {
                stop();
            } catch (RuntimeException ignored) {
                // a broker that failed to start may fail to stop too; the JVM's end takes it
            }
            broker = null;
            return false;
        }
        System.out.println(
                "[tests] Kafka stream tests against an embedded KRaft broker, through 127.0.0.1:" + proxy.port());
        return true;
    }

    @BeforeAll
    static void consumeAndCut() {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "127.0.0.1:" + proxy.port(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "tongbao-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPIC));
        // the application starts with the broker unreachable
        proxy.cut();
    }

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("tongbao.streams.kafka.bootstrap-servers", () -> "127.0.0.1:" + proxy.port());
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    @Order(1)
    void eventsWaitForABrokerThatIsDownAndArriveInOrderOnceItIsUp() {
        LedgerMerchant merchant = LedgerMerchant.onboard(new OperatorClient(port, jdbc, passwords), null)
                .subscribeToTransfers();
        merchant.issue("issue-1", merchant.alice(), 1_000);
        for (int i = 1; i <= 5; i++) {
            merchant.gift("g-" + i, merchant.alice(), merchant.bob(), i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox() == 6);
        awaitTwoMoreFailures();
        assertThat(outbox()).as("kept while there is no broker").isEqualTo(6);

        proxy.restore();

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox() == 0);
        String merchantId = merchant.app().merchantId();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> transferIds(merchantId + ":" + merchant.alice()).size() == 5);
        assertThat(transferIds(merchantId + ":" + merchant.alice())).containsExactly("g-1", "g-2", "g-3", "g-4", "g-5");
        assertThat(transferIds(merchantId + ":" + merchant.gold().centralBank()))
                .containsExactly("issue-1");
        await("the relay recovered").atMost(Duration.ofSeconds(10)).until(() -> relay().failures() == 0);
    }

    @Test
    @Order(2)
    void aConnectionCutAfterEventsWentThroughDelaysTheNextOnesAndDropsNone() {
        LedgerMerchant merchant = LedgerMerchant.onboard(new OperatorClient(port, jdbc, passwords), null)
                .subscribeToTransfers();
        String key = merchant.app().merchantId() + ":" + merchant.alice();
        merchant.issue("issue-1", merchant.alice(), 1_000);
        merchant.gift("g-0", merchant.alice(), merchant.bob(), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> transferIds(key).size() == 1);
        // acknowledged and deleted: a cut before the acknowledgement would (rightly) publish them again afterwards
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox() == 0);

        proxy.cut();
        try {
            for (int i = 1; i <= 5; i++) {
                merchant.gift("g-" + i, merchant.alice(), merchant.bob(), i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox() == 5);
            awaitTwoMoreFailures();
            assertThat(outbox()).as("kept while the broker is away").isEqualTo(5);
        } finally {
            proxy.restore();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox() == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> transferIds(key).size() == 6);
        assertThat(transferIds(key)).containsExactly("g-0", "g-1", "g-2", "g-3", "g-4", "g-5");
    }

    @Test
    @Order(3)
    void eachEventCarriesItsWebhookBodyAndIsKeyedByMerchantAndOrder() {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        LedgerMerchant merchant = LedgerMerchant.onboard(operator, null);
        operator.configureChannels(merchant.app().appId());
        String paymentId = PaidPayments.pay(
                merchant.client(), jdbc, notifications, merchant.app().appId(), 900);
        String key = merchant.app().merchantId() + ":" + paymentId;

        await().atMost(Duration.ofSeconds(30)).until(() -> records(key).size() == 1);
        ConsumerRecord<String, byte[]> record = records(key).getFirst();
        String eventId = header(record, "tongbao-event-id");
        assertThat(header(record, "tongbao-event-type")).isEqualTo("payment.succeeded");
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .as("the webhook body, byte for byte")
                .isEqualTo(jdbc.sql("select payload from webhook_event where id = :id")
                        .param("id", eventId)
                        .query(String.class)
                        .single());
        assertThat(StreamMessages.data(new String(record.value(), StandardCharsets.UTF_8)))
                .containsEntry("payment_id", paymentId)
                .containsEntry("amount", 900);
    }

    /** Polls what arrived so far; called from the awaiting thread only. */
    private static synchronized List<ConsumerRecord<String, byte[]>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(RECEIVED::add);
        return RECEIVED;
    }

    private static List<ConsumerRecord<String, byte[]>> records(String key) {
        return poll().stream().filter(r -> key.equals(r.key())).toList();
    }

    /** One key's transfer ids in order of first arrival (a repeat is allowed: at least once). */
    private static List<String> transferIds(String key) {
        return records(key).stream()
                .map(r -> StreamMessages.transferId(new String(r.value(), StandardCharsets.UTF_8)))
                .distinct()
                .toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private void awaitTwoMoreFailures() {
        int before = relay().failures();
        await().atMost(Duration.ofSeconds(30)).until(() -> relay().failures() >= before + 2);
    }

    private StreamRelay relay() {
        return relays.relays().getFirst();
    }

    private int outbox() {
        return jdbc.sql("select count(*) from webhook_stream_outbox where stream = 'kafka'")
                .query(Integer.class)
                .single();
    }
}
