package io.tongbao.webhook.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tongbao.payment.FakeChannelGateways;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.sdk.ledger.NewHold;
import io.tongbao.support.EndToEnd;
import io.tongbao.support.LedgerMerchant;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.OwnDatabaseInitializer;
import io.tongbao.support.PaidPayments;
import io.tongbao.support.TcpProxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Events forwarded to the machine's RabbitMQ (or {@code TONGBAO_TEST_RABBITMQ_URI}), through a proxy the test can
 * cut to play a broker outage. Skipped, saying so (printed, and in the test report), when no RabbitMQ answers.
 */
@EndToEnd
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
@Import(FakeChannelGateways.class)
@EnabledIf(value = "brokerAnswers", disabledReason = "no RabbitMQ answers (see the [tests] line)")
@TestPropertySource(
        properties = {
            "tongbao.channels.enabled=false",
            "tongbao.streams.rabbitmq.enabled=true",
            "tongbao.streams.rabbitmq.exchange=" + RabbitStreamTest.EXCHANGE,
            "tongbao.streams.rabbitmq.timeout=PT3S",
            "tongbao.streams.max-backoff=PT1S"
        })
class RabbitStreamTest {

    static final String EXCHANGE = "tongbao.events.test";
    static final String BROKER =
            System.getenv().getOrDefault("TONGBAO_TEST_RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:5672");

    static ConnectionFactory factory;
    static Connection consumer;
    static TcpProxy proxy;

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

    record Message(String routingKey, String messageId, String type, String key, String body) {}

    /**
     * Checked before the class runs at all: without a broker its tests are reported skipped, and no application is
     * started for them.
     */
    static synchronized boolean brokerAnswers() throws Exception {
        if (factory == null) {
            factory = new ConnectionFactory();
            factory.setUri(BROKER);
            factory.setConnectionTimeout(3_000);
            try {
                consumer = factory.newConnection("tongbao-stream-test");
                System.out.println(
                        "[tests] RabbitMQ stream tests against " + factory.getHost() + ":" + factory.getPort());
            } catch (Exception e) {
                System.out.println("[tests] RabbitMQ not reachable at " + factory.getHost() + ":" + factory.getPort()
                        + " (" + e + "): skipping the RabbitMQ stream tests (set TONGBAO_TEST_RABBITMQ_URI to use "
                        + "another broker)");
            }
        }
        return consumer != null;
    }

    @BeforeAll
    static void proxyInFront() {
        proxy = new TcpProxy(factory.getHost(), factory.getPort());
    }

    @AfterAll
    static void close() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (consumer != null) {
            consumer.close();
        }
    }

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add(
                "tongbao.streams.rabbitmq.uri",
                () -> "amqp://" + factory.getUsername() + ":"
                        + factory.getPassword() + "@127.0.0.1:" + proxy.port() + "/"
                        + URLEncoder.encode(factory.getVirtualHost(), StandardCharsets.UTF_8));
    }

    @Test
    void everyEventIsPublishedWithItsWebhookBodyRoutedByMerchantAndTypeAndOneAccountsEventsInOrder() throws Exception {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        LedgerMerchant merchant = LedgerMerchant.onboard(operator, null).subscribeToTransfers();
        List<Message> received = listen(merchant.app().merchantId());
        operator.configureChannels(merchant.app().appId());

        merchant.issue("issue-1", merchant.alice(), 1_000);
        for (int i = 1; i <= 5; i++) {
            merchant.gift("g-" + i, merchant.alice(), merchant.bob(), i);
        }
        merchant.ledger().hold(NewHold.of("h-1", "gold", merchant.alice(), merchant.bob(), 50, LedgerMerchant.GIFT, 1));
        String paymentId = PaidPayments.pay(
                merchant.client(), jdbc, notifications, merchant.app().appId(), 800);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> types(received).contains("hold.expired")
                        && types(received).contains("payment.succeeded"));
        String merchantId = merchant.app().merchantId();
        for (Message message : received) {
            assertThat(message.body()).as("the webhook body, byte for byte").isEqualTo(payload(message.messageId()));
            assertThat(message.routingKey()).isEqualTo(merchantId + "." + message.type());
        }
        Message payment = received.stream()
                .filter(m -> m.type().equals("payment.succeeded"))
                .findFirst()
                .orElseThrow();
        assertThat(payment.key()).isEqualTo(merchantId + ":" + paymentId);
        List<String> alices = received.stream()
                .filter(m -> m.key().equals(merchantId + ":" + merchant.alice()))
                .map(m -> m.type().equals("hold.expired") ? "expired" : StreamMessages.transferId(m.body()))
                .distinct()
                .toList();
        assertThat(alices).containsExactly("g-1", "g-2", "g-3", "g-4", "g-5", "h-1", "~expire:h-1", "expired");
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox() == 0);
    }

    @Test
    void aBrokerOutageDelaysEventsAndNeverDropsThem() throws Exception {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        LedgerMerchant merchant = LedgerMerchant.onboard(operator, null).subscribeToTransfers();
        List<Message> received = listen(merchant.app().merchantId());
        merchant.issue("issue-1", merchant.alice(), 1_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
        // confirmed and deleted: a cut before the confirmation would (rightly) publish it again after the outage
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox() == 0);

        proxy.cut();
        try {
            for (int i = 1; i <= 5; i++) {
                merchant.gift("g-" + i, merchant.alice(), merchant.bob(), i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox() == 5);
            int failuresBefore = relay().failures();
            await().atMost(Duration.ofSeconds(20)).until(() -> relay().failures() >= failuresBefore + 2);
            assertThat(outbox()).as("kept while the broker is away").isEqualTo(5);
            assertThat(received).hasSize(1);
        } finally {
            proxy.restore();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> outbox() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> transferIds(received).size() == 6);
        assertThat(transferIds(received)).containsExactly("issue-1", "g-1", "g-2", "g-3", "g-4", "g-5");
        await("the relay recovered").atMost(Duration.ofSeconds(10)).until(() -> relay().failures() == 0);
    }

    private StreamRelay relay() {
        return relays.relays().getFirst();
    }

    private List<Message> listen(String merchantId) throws Exception {
        List<Message> received = new CopyOnWriteArrayList<>();
        Channel channel = consumer.createChannel();
        channel.exchangeDeclare(EXCHANGE, "topic", true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, EXCHANGE, merchantId + ".#");
        channel.basicConsume(
                queue,
                true,
                (tag, delivery) -> received.add(new Message(
                        delivery.getEnvelope().getRoutingKey(),
                        delivery.getProperties().getMessageId(),
                        delivery.getProperties().getType(),
                        String.valueOf(delivery.getProperties().getHeaders().get("tongbao-key")),
                        new String(delivery.getBody(), StandardCharsets.UTF_8))),
                tag -> {});
        return received;
    }

    /** In order of first arrival: at least once means a repeat is allowed, a reordering or a loss is not. */
    private static List<String> transferIds(List<Message> messages) {
        return messages.stream()
                .map(m -> StreamMessages.transferId(m.body()))
                .distinct()
                .toList();
    }

    private static List<String> types(List<Message> messages) {
        return messages.stream().map(Message::type).toList();
    }

    private String payload(String eventId) {
        return jdbc.sql("select payload from webhook_event where id = :id")
                .param("id", eventId)
                .query(String.class)
                .single();
    }

    private int outbox() {
        return jdbc.sql("select count(*) from webhook_stream_outbox where stream = 'rabbitmq'")
                .query(Integer.class)
                .single();
    }
}
