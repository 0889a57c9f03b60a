package io.tongbao.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpServer;
import io.tongbao.merchant.WebhookSignatures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection a webhook makes can only go to an address the policy allows, whatever the name answers when it is
 * resolved again (DNS rebinding), and whatever the URL spells (an IP literal is not resolved at all); and what the
 * merchant is told never includes an address. A receiver on 127.0.0.1 counts what reaches it.
 */
class WebhookSenderTargetTest {

    private static final byte[] PUBLIC = {93, (byte) 184, (byte) 216, 34};
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private HttpServer receiver;
    private final AtomicInteger received = new AtomicInteger();
    private final WebhookSignatures signatures = mock(WebhookSignatures.class);

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.incrementAndGet();
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        when(signatures.signatureHeader(any(), anyLong(), any())).thenReturn("t=1,v1=00");
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckIsNeverConnectedTo() {
        // public when the dispatcher checks, 127.0.0.1 for every later question: what rebinding does
        List<String> asked = new ArrayList<>();
        TargetPolicy policy = new TargetPolicy(TargetPolicyTest.properties(false), host -> {
            asked.add(host);
            return new InetAddress[] {InetAddress.getByAddress(host, asked.size() == 1 ? PUBLIC : LOOPBACK)};
        });
        String url = "http://rebind.shop.example:" + receiver.getAddress().getPort() + "/hook";
        assertThat(policy.refusal(url)).as("the check saw a public address").isEmpty();

        WebhookSender.Result result = sender(policy).send("app_1", "evt_1", "payment.succeeded", url, "{}");

        assertThat(asked)
                .as("the connection resolved the name again, through the policy")
                .hasSize(2);
        assertThat(received).as("nothing reached 127.0.0.1").hasValue(0);
        assertThat(result.delivered()).isFalse();
        assertThat(result.error()).startsWith("refused:").doesNotContain("127.0.0.1");
    }

    @Test
    void ofANamesAddressesTheConnectionIsOfferedOnlyTheAllowed() throws UnknownHostException {
        TargetPolicy mixed = new TargetPolicy(TargetPolicyTest.properties(false), host ->
                new InetAddress[] {InetAddress.getByAddress(host, LOOPBACK), InetAddress.getByAddress(host, PUBLIC)});
        TargetPolicy internal = new TargetPolicy(TargetPolicyTest.properties(false), host -> new InetAddress[] {
            InetAddress.getByAddress(host, LOOPBACK), InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})
        });

        assertThat(mixed.allowedAddresses("hooks.shop.example"))
                .extracting(InetAddress::getAddress)
                .containsExactly(PUBLIC);
        assertThatThrownBy(() -> internal.allowedAddresses("hooks.shop.example"))
                .isInstanceOf(TargetPolicy.Refused.class)
                .hasMessageNotContaining("127.0.0.1")
                .hasMessageNotContaining("10.0.0.1");
    }

    @Test
    void anIpLiteralOfAnInternalAddressIsNeverConnectedToEvenWithoutTheDispatchersCheck() {
        TargetPolicy policy = new TargetPolicy(TargetPolicyTest.properties(false));
        int port = receiver.getAddress().getPort();
        for (String url : List.of(
                "http://127.0.0.1:" + port + "/hook",
                "http://[::ffff:127.0.0.1]:" + port + "/hook",
                "http://[::ffff:0:7f00:1]:" + port + "/hook",
                "http://[64:ff9b::7f00:1]:" + port + "/hook")) {
            WebhookSender.Result result = sender(policy).send("app_1", "evt_1", "payment.succeeded", url, "{}");

            assertThat(result.delivered()).as(url).isFalse();
            assertThat(result.error()).as(url).doesNotContain("127.0.0.1").doesNotContain("7f00");
        }
        assertThat(received).hasValue(0);
    }

    @Test
    void withPrivateTargetsAllowedTheReceiverGetsTheEventAsBefore() {
        TargetPolicy policy = new TargetPolicy(TargetPolicyTest.properties(true));
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        WebhookSender.Result result = sender(policy).send("app_1", "evt_1", "payment.succeeded", url, "{}");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.excerpt()).isEqualTo("ok");
        assertThat(received).hasValue(1);
    }

    @Test
    void aFailedConnectionIsDescribedWithoutTheAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(LOOPBACK))) {
            closedPort = socket.getLocalPort();
        }
        TargetPolicy policy = new TargetPolicy(TargetPolicyTest.properties(true), host ->
                new InetAddress[] {InetAddress.getByAddress(host, LOOPBACK)});

        WebhookSender.Result result = sender(policy)
                .send("app_1", "evt_1", "payment.succeeded", "http://hooks.shop.example:" + closedPort + "/hook", "{}");

        assertThat(result.delivered()).isFalse();
        assertThat(result.error())
                .isNotBlank()
                .doesNotContain("127.0.0.1")
                .doesNotContain(Integer.toString(closedPort));
    }

    @Test
    void aNameThatDoesNotResolveIsSaidSo() {
        TargetPolicy policy = new TargetPolicy(TargetPolicyTest.properties(false), host -> {
            throw new UnknownHostException(host);
        });

        assertThat(policy.refusal("https://nowhere.shop.example/hook"))
                .isEqualTo(Optional.of("host nowhere.shop.example does not resolve"));
        assertThat(sender(policy)
                        .send("app_1", "evt_1", "payment.succeeded", "https://nowhere.shop.example/hook", "{}")
                        .error())
                .isEqualTo("UnknownHostException: host does not resolve");
    }

    private WebhookSender sender(TargetPolicy policy) {
        WebhookProperties properties = new WebhookProperties(
                List.of(Duration.ofSeconds(5)), Duration.ofSeconds(2), false, 4, Duration.ofMillis(500), true);
        return new WebhookSender(signatures, properties, policy, Clock.systemUTC());
    }
}
