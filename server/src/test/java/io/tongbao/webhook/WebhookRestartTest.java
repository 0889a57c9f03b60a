package io.tongbao.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.TongbaoApplication;
import io.tongbao.support.LedgerMerchant;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.Restart;
import io.tongbao.support.TestDatabase;
import io.tongbao.support.WebhookReceiver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The process stops in the middle of a delivery run against a slow receiver, and a new one starts on the same
 * database: every event is delivered, none is lost, and the ones that were on the wire when the first process stopped
 * are sent again (at least once), because the first process never recorded their answer.
 */
@Restart
class WebhookRestartTest {

    static final int EVENTS = 20;

    @TempDir
    Path dataDir;

    @Test
    void aProcessStoppedWhileDeliveriesAreInFlightLosesNoneOfThemAfterARestart() {
        String database = TestDatabase.freshDatabaseUrl();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            LedgerMerchant merchant;
            Set<String> onTheWire;
            try (ConfigurableApplicationContext first = start(database)) {
                OperatorClient operator = operator(first);
                merchant = LedgerMerchant.onboard(operator, receiver.url()).subscribeToTransfers();
                receiver.holdAnswers();
                merchant.issue("issue-1", merchant.alice(), 1_000);
                for (int i = 1; i < EVENTS; i++) {
                    merchant.gift("g-" + i, merchant.alice(), merchant.bob(), i);
                }
                // the first process is sending (up to 4 at a time to one endpoint) and has the rest claimed or queued
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.inFlight() == 4);
                onTheWire = receiver.received().stream()
                        .map(WebhookReceiver.Received::eventId)
                        .collect(Collectors.toSet());
                assertThat(onTheWire).hasSize(4);
                assertThat(succeeded(first)).isZero();
            }
            // its in-flight sends are answered now, but it can no longer record that they were
            receiver.release();

            try (ConfigurableApplicationContext second = start(database, ClockPastTheLeases.class)) {
                JdbcClient jdbc = second.getBean(JdbcClient.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(second) == EVENTS);
                List<String> events = jdbc.sql("select id from webhook_event where app_id = :app and type = :type")
                        .param("app", merchant.app().appId())
                        .param("type", "ledger.transfer.posted")
                        .query(String.class)
                        .list();
                assertThat(events).hasSize(EVENTS);
                Map<String, Integer> counts = receiver.countsByEvent();
                assertThat(counts.keySet()).as("every event arrived").containsExactlyInAnyOrderElementsOf(events);
                Set<String> twice = counts.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
                assertThat(twice)
                        .as("sent again: the ones on the wire when the first process stopped")
                        .isEqualTo(onTheWire);
                assertThat(jdbc.sql("select count(*) from webhook_delivery where status <> 'SUCCEEDED'")
                                .query(Integer.class)
                                .single())
                        .isZero();
            }
        }
    }

    private ConfigurableApplicationContext start(String database, Class<?>... extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "server.port",
                "0",
                "tongbao.data-dir",
                dataDir.toString(),
                "tongbao.db.url",
                database,
                "tongbao.db.user",
                TestDatabase.user(),
                "tongbao.db.password",
                TestDatabase.password(),
                "tongbao.webhooks.dispatcher-enabled",
                "true",
                "tongbao.webhooks.allow-private-targets",
                "true",
                "tongbao.webhooks.poll-interval",
                "PT0.2S"));
        properties.put("tongbao.webhooks.max-concurrent-per-endpoint", "4");
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        Class<?>[] sources = new Class<?>[extra.length + 1];
        sources[0] = TongbaoApplication.class;
        System.arraycopy(extra, 0, sources, 1, extra.length);
        return new SpringApplicationBuilder(sources).profiles("default").run(args);
    }

    private static OperatorClient operator(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new OperatorClient(port, context.getBean(JdbcClient.class), context.getBean(PasswordEncoder.class));
    }

    private static int succeeded(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class)
                .sql("select count(*) from webhook_delivery where status = 'SUCCEEDED'")
                .query(Integer.class)
                .single();
    }

    /**
     * The restarted process's clock runs 31 s ahead: the 30 s leases of the deliveries the first process had on the
     * wire have run out, as they would half a minute after it stopped, without the test waiting for it.
     */
    @Configuration(proxyBeanMethods = false)
    static class ClockPastTheLeases {
        @Bean
        @Primary
        Clock clockPastTheLeases() {
            return Clock.offset(Clock.systemUTC(), Duration.ofSeconds(31));
        }
    }
}
