package io.tongbao.sandbox.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tongbao.sandbox.SandboxClock;
import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.fault.FaultRegistry;
import io.tongbao.sandbox.support.NotificationRecord.State;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notification log forgets the oldest finished notifications beyond its bound, and never an unfinished one. */
class NotificationLogBoundTest {

    private static final int KEPT = 3;

    private final AtomicInteger received = new AtomicInteger();
    private HttpServer receiver;
    private SandboxScheduler scheduler;
    private NotificationDispatcher dispatcher;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.incrementAndGet();
            boolean refuse = exchange.getRequestURI().getPath().contains("refused");
            byte[] body = (refuse ? "fail" : "success").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refuse ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.start();
        SandboxClock clock = SandboxClock.system();
        scheduler = new SandboxScheduler(clock);
        dispatcher = new NotificationDispatcher(
                scheduler,
                new FaultRegistry(),
                clock,
                new SandboxProperties(
                        true, null, Duration.ofSeconds(5), Duration.ofDays(90), Duration.ofSeconds(10), KEPT));
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        scheduler.close();
        receiver.stop(0);
    }

    @Test
    void theOldestFinishedNotificationsAreForgottenAndAnUnfinishedOneIsKept() {
        dispatcher.dispatch(notification("refused"));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 1);
        for (int i = 1; i <= 6; i++) {
            dispatcher.dispatch(notification("paid-" + i));
        }
        // a notification counts as finished a moment before the trim that follows it: wait for the settled log
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(received.get()).isEqualTo(7);
            List<NotificationRecord> kept = dispatcher.find(null, null);
            assertThat(kept)
                    .extracting(NotificationRecord::outTradeNo)
                    .containsExactly("refused", "paid-4", "paid-5", "paid-6");
            assertThat(kept.getFirst().state()).isEqualTo(State.PENDING);
        });
    }

    private OutboundNotification notification(String outTradeNo) {
        URI target = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/" + outTradeNo);
        return new OutboundNotification() {
            @Override
            public String id() {
                return "n-" + outTradeNo;
            }

            @Override
            public String channel() {
                return "TEST";
            }

            @Override
            public String account() {
                return "account";
            }

            @Override
            public String outTradeNo() {
                return outTradeNo;
            }

            @Override
            public String summary() {
                return outTradeNo;
            }

            @Override
            public URI target() {
                return target;
            }

            @Override
            public List<Duration> retryIntervals() {
                return List.of(Duration.ofHours(1));
            }

            @Override
            public HttpRequest.Builder request(Instant sentAt, Tampering tampering) {
                return HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofString(outTradeNo));
            }

            @Override
            public boolean acknowledged(int status, String body) {
                return status == 200 && "success".equals(body);
            }
        };
    }
}
