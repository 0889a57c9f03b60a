package io.tongbao.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.sdk.CanonicalRequest;
import io.tongbao.shared.crypto.HmacSha256;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Issue 12, items 8, 10 and 11, with raw HTTP requests: forged floods are refused before any database work, the
 * handler reads the query as it was signed, and a body that is not JSON is refused 415 before the signature check.
 * Each flood comes from a loopback address of its own, so that the per-source budgets do not mix.
 */
@TongbaoTest
@Import(MerchantApiGatewayTest.Instruments.class)
@TestPropertySource(
        properties = {"tongbao.api.failures-per-source.burst=20", "tongbao.api.failures-per-source.per-second=1"})
class MerchantApiGatewayTest {

    /** Connections taken from the pool while serving an {@code /api/v1} request (background jobs not counted). */
    static final AtomicInteger API_CONNECTIONS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    OperatorClient operator;
    OperatorClient.HmacApp app;

    @BeforeEach
    void onboard() {
        operator = new OperatorClient(port, jdbc, passwords);
        app = operator.createHmacApp(operator.createMerchant("gateway test merchant"));
    }

    @Test
    void forgedSignaturesOnARealAppAreRefused429AfterTheSourceBudgetWithoutDatabaseWork() throws Exception {
        flood(from("127.0.0.31"), attempt -> app.appId());

        assertThat(operator.sdk(app).currentApp().appId())
                .as("the app itself, from elsewhere, is unaffected")
                .isEqualTo(app.appId());
    }

    @Test
    void madeUpAppIdsAreRefused429AfterTheSourceBudgetWithoutDatabaseWork() throws Exception {
        flood(from("127.0.0.32"), attempt -> "app_madeup" + attempt + "x" + System.nanoTime());
    }

    private void flood(HttpClient attacker, IntFunction<String> appIds) throws Exception {
        long started = System.nanoTime();
        List<HttpResponse<String>> answers = new ArrayList<>();
        List<Integer> connections = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int before = API_CONNECTIONS.get();
            answers.add(attacker.send(forged(appIds.apply(i)), HttpResponse.BodyHandlers.ofString()));
            connections.add(API_CONNECTIONS.get() - before);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        int refusedAsForged = 0;
        int totalConnections = 0;
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i);
            totalConnections += connections.get(i);
            if (answer.statusCode() == 401) {
                refusedAsForged++;
                assertThat(answer.body()).contains("\"code\":\"INVALID_SIGNATURE\"");
            } else {
                assertThat(answer.statusCode()).as("answer %d", i).isEqualTo(429);
                assertThat(answer.body()).contains("\"code\":\"RATE_LIMITED\"").contains("\"request_id\":\"req_");
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(connections.get(i))
                        .as("database connections for refused answer %d", i)
                        .isZero();
            }
        }
        // the budget of 20, plus what refilled (1 a second) while the flood ran
        assertThat(refusedAsForged).isBetween(20, 20 + (int) seconds + 1);
        assertThat(answers.subList(0, 20))
                .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(401));
        System.out.printf(
                "flood of 300 forged requests: %d answered 401, %d answered 429, %d database connections%n",
                refusedAsForged, 300 - refusedAsForged, totalConnections);
    }

    @Test
    void aSignedPlusInTheQueryReachesTheHandlerAsAPlusAndAnEncodedSpaceAsASpace() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> plus = http.send(
                signed("GET", "/api/v1/test/echo", "owner_id=u+1&tag=a+b&tag=c%20d", null, null),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> space = http.send(
                signed("GET", "/api/v1/test/echo", "owner_id=u%201", null, null), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> encodedPlus = http.send(
                signed("GET", "/api/v1/test/echo", "owner_id=u%2B1", null, null), HttpResponse.BodyHandlers.ofString());

        assertThat(plus.statusCode()).as(plus.body()).isEqualTo(200);
        assertThat(plus.body()).contains("\"owner_id\":\"u+1\"").contains("\"tags\":[\"a+b\",\"c d\"]");
        assertThat(space.body()).contains("\"owner_id\":\"u 1\"");
        assertThat(encodedPlus.body()).contains("\"owner_id\":\"u+1\"");
    }

    @Test
    void anInvalidPercentEscapeInTheQueryIs400() throws Exception {
        // refused before the signature is checked (no valid signature over such a query exists anyway); sent over a
        // socket, since HttpClient will not send a malformed URI
        String answer = raw("GET /api/v1/test/echo?owner_id=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Tongbao-App-Id: " + app.appId() + "\r\nTongbao-Timestamp: "
                + Instant.now().getEpochSecond() + "\r\n"
                + "Tongbao-Nonce: n" + UUID.randomUUID().toString().replace("-", "") + "\r\n"
                + "Tongbao-Signature: " + Base64.getEncoder().encodeToString(new byte[32]) + "\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        // the request hygiene filter, ahead of this one, names the parameter and what is wrong with its escape
        assertThat(answer)
                .contains("\"code\":\"INVALID_PARAMETER\"")
                .contains("owner_id")
                .contains("percent-encoding");
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCorrectlySignedFormBodyIs415BeforeTheSignatureIsChecked() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String method : new String[] {"PUT", "POST"}) {
            HttpResponse<String> answer = http.send(
                    signed(
                            method,
                            "/api/v1/webhook-settings",
                            null,
                            "application/x-www-form-urlencoded",
                            "url=https%3A%2F%2Fshop.example%2Fhook"),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(method).isEqualTo(415);
            assertThat(answer.body())
                    .contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\"")
                    .contains("application/json");
        }
        HttpResponse<String> plainText = http.send(
                signed("POST", "/api/v1/test/work", null, "text/plain", "{\"name\":\"x\",\"fail\":false}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plainText.statusCode()).isEqualTo(415);
        HttpResponse<String> json = http.send(
                signed(
                        "POST",
                        "/api/v1/test/work",
                        null,
                        "application/json; charset=UTF-8",
                        "{\"name\":\"json-" + UUID.randomUUID() + "\",\"fail\":false}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(201);
    }

    private HttpRequest forged(String appId) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/app"))
                .header("Tongbao-App-Id", appId)
                .header("Tongbao-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header("Tongbao-Nonce", "forged" + UUID.randomUUID().toString().replace("-", ""))
                .header("Tongbao-Signature", Base64.getEncoder().encodeToString(new byte[32]))
                .GET()
                .build();
    }

    /** Signed by the documented rules over the raw query, exactly as sent. */
    private HttpRequest signed(String method, String path, String rawQuery, String contentType, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        String nonce = "n" + UUID.randomUUID().toString().replace("-", "");
        String canonical = CanonicalRequest.requestString(method, path, rawQuery, app.appId(), now, nonce, bytes);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path + (rawQuery == null ? "" : "?" + rawQuery)))
                .header("Tongbao-App-Id", app.appId())
                .header("Tongbao-Timestamp", Long.toString(now))
                .header("Tongbao-Nonce", nonce)
                .header(
                        "Tongbao-Signature",
                        Base64.getEncoder()
                                .encodeToString(
                                        HmacSha256.of(app.secret().getBytes(StandardCharsets.UTF_8), canonical)))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request.build();
    }

    private static HttpClient from(String address) throws Exception {
        return HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(address))
                .build();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Instruments {

        @Bean
        static BeanPostProcessor countApiConnections() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return "dataSource".equals(name) && bean instanceof DataSource dataSource
                            ? new CountingDataSource(dataSource)
                            : bean;
                }
            };
        }

        /** Echoes the query as the handler reads it. */
        @RestController
        static class Echo {
            @GetMapping("/api/v1/test/echo")
            Map<String, Object> echo(
                    @RequestParam("owner_id") String ownerId, @RequestParam MultiValueMap<String, String> all) {
                return Map.of("owner_id", ownerId, "tags", all.getOrDefault("tag", List.of()));
            }
        }
    }

    static final class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            count();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            count();
            return super.getConnection(username, password);
        }

        private static void count() {
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                    && attributes.getRequest().getRequestURI().startsWith("/api/v1/")) {
                API_CONNECTIONS.incrementAndGet();
            }
        }
    }
}
