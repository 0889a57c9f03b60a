package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tongbao.payment.FakeChannelGateways;
import io.tongbao.payment.spi.ChannelNotifications;
import io.tongbao.sdk.LedgerApi;
import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.sdk.ledger.Batch;
import io.tongbao.sdk.ledger.HoldResolution;
import io.tongbao.sdk.ledger.NewAccount;
import io.tongbao.sdk.ledger.NewHold;
import io.tongbao.sdk.ledger.NewPointType;
import io.tongbao.sdk.ledger.NewReason;
import io.tongbao.sdk.ledger.NewTransfer;
import io.tongbao.sdk.ledger.PointType;
import io.tongbao.sdk.ledger.Reversal;
import io.tongbao.support.ApiDescription;
import io.tongbao.support.ApiTraffic;
import io.tongbao.support.EndToEnd;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.PaidPayments;
import io.tongbao.support.TongbaoTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * /v3/api-docs describes the wire: a representative flow of both APIs (payments, refunds, events, the ledger, the
 * operator's onboarding) and their refusals, recorded as the server saw them, each checked against the description
 * the same server serves. A client generated from it sends and reads what the API really takes and gives.
 */
@EndToEnd
@TongbaoTest
@Import({FakeChannelGateways.class, ApiTraffic.class})
@TestPropertySource(properties = "tongbao.channels.enabled=false")
class ApiDescriptionTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    ChannelNotifications notifications;

    @Autowired
    ApiTraffic traffic;

    OperatorClient operator;

    @BeforeEach
    void start() {
        operator = new OperatorClient(port, jdbc, passwords);
        traffic.clear();
    }

    @Test
    void fieldNamesAreTheWireNames() {
        JsonNode schemas = apiDocs().get("components").get("schemas");
        JsonNode order = schemas.get("OrderRequest").get("properties");
        assertThat(order.has("out_trade_no"))
                .as("OrderRequest: %s", order.propertyNames())
                .isTrue();
        assertThat(order.has("pay_way")).isTrue();
        assertThat(order.has("outTradeNo")).isFalse();
        assertThat(schemas.get("ApiError").get("properties").propertyNames())
                .containsExactlyInAnyOrder("code", "message", "request_id");
    }

    @Test
    void isAValidOpenApiDocument() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(apiDocsJson(), null, options);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
    }

    @Test
    void describesTheErrorsAndHowEachSideAuthenticates() {
        JsonNode docs = apiDocs();
        JsonNode schemes = docs.get("components").get("securitySchemes");
        assertThat(schemes.get("operator").get("scheme").asString()).isEqualTo("basic");
        for (String header : List.of("Tongbao-App-Id", "Tongbao-Timestamp", "Tongbao-Nonce", "Tongbao-Signature")) {
            assertThat(schemes.valueStream()
                            .map(scheme -> scheme.path("name").asString())
                            .toList())
                    .contains(header);
        }
        JsonNode order = docs.get("paths").get("/api/v1/payments").get("post");
        assertThat(order.get("security").get(0).propertyNames()).hasSize(4);
        assertThat(order.get("parameters")
                        .valueStream()
                        .map(parameter -> parameter.path("$ref").asString())
                        .toList())
                .contains("#/components/parameters/IdempotencyKey");
        assertThat(docs.get("components")
                        .get("parameters")
                        .get("IdempotencyKey")
                        .get("name")
                        .asString())
                .isEqualTo("Idempotency-Key");
        for (String status : List.of("400", "401", "403", "404", "409", "415", "429", "503")) {
            assertThat(order.get("responses").get(status).get("$ref").asString())
                    .as(status)
                    .isEqualTo("#/components/responses/Error" + status);
            assertThat(docs.get("components")
                            .get("responses")
                            .get("Error" + status)
                            .get("content")
                            .get("application/json")
                            .get("schema")
                            .get("$ref")
                            .asString())
                    .as(status)
                    .isEqualTo("#/components/schemas/ApiError");
        }
        List<JsonNode> operations =
                docs.get("paths").valueStream().flatMap(JsonNode::valueStream).toList();
        assertThat(operations)
                .extracting(operation -> operation.get("operationId").asString())
                .doesNotHaveDuplicates()
                .noneMatch(id -> id.matches(".*_[0-9]+"));
        JsonNode createMerchant =
                docs.get("paths").get("/api/operator/merchants").get("post");
        assertThat(createMerchant.get("security").get(0).propertyNames()).containsExactly("operator");
        assertThat(docs.get("paths").propertyNames()).allMatch(path -> path.startsWith("/api/"));
    }

    @Test
    void theEndToEndTrafficMatchesTheDescription() {
        String merchantId = operator.createMerchant("described merchant");
        OperatorClient.HmacApp app = operator.createHmacApp(merchantId);
        operator.configureChannels(app.appId());
        operator.put("/api/operator/apps/" + app.appId() + "/fee-rates", Map.of("rates", Map.of("ALIPAY_QR", 6000)));
        operator.get("/api/operator/apps/" + app.appId() + "/fee-rates");
        operator.get("/api/operator/apps/" + app.appId() + "/channels");
        operator.put(
                "/api/operator/apps/" + app.appId() + "/notify-url", Map.of("notify_url", "https://shop.example/n"));
        operator.get("/api/operator/apps/" + app.appId() + "/webhook-event-types");
        operator.get("/api/operator/merchants/" + merchantId + "/apps");
        operator.get("/api/operator/merchants/" + merchantId);
        operator.get("/api/operator/apps/" + app.appId());
        operator.get("/api/operator/me");
        TongbaoClient client = operator.sdk(app);

        client.currentApp();
        PaymentApi payments = client.payments();
        PaymentApi.Payment open = payments.create(PaymentApi.PaymentRequest.of(no(), 1999, "described", "ALIPAY_QR"));
        payments.get(open.id());
        payments.list(null, "PENDING", "ALIPAY_QR", null, null, null, 10);
        payments.close(open.id());
        String paid = PaidPayments.pay(client, jdbc, notifications, app.appId(), 5000);
        payments.refund(paid, new PaymentApi.RefundRequest(no(), 1000, "described refund"));
        payments.refunds(paid);
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(client).isEmpty());
        String eventId = (String) events(client).getFirst().get("id");
        client.get("/api/v1/events/" + eventId, Map.of(), Map.class);
        client.get("/api/v1/events/" + eventId + "/deliveries", Map.of(), List.class);
        client.get("/api/v1/webhook-settings", Map.of(), Map.class);

        LedgerApi ledger = client.ledger();
        PointType gold = ledger.createPointType(new NewPointType("gold", "金币", 2));
        ledger.pointTypes();
        ledger.registerReason(NewReason.of(100001, "issue points"));
        ledger.registerReason(NewReason.of(300001, "gift"));
        ledger.reasons();
        String alice =
                ledger.openAccount(new NewAccount("gold", "USER", "alice")).accountId();
        String bob = ledger.openAccount(new NewAccount("gold", "USER", "bob")).accountId();
        ledger.accountOf("gold", "USER", "alice");
        String issued = no();
        ledger.transfer(NewTransfer.of(issued, "gold", gold.centralBank(), alice, 500, 100001));
        ledger.transferById(issued);
        ledger.reverse(issued, new Reversal(no(), 100L, 100001, "described reversal"));
        ledger.batch(Batch.independent(List.of(NewTransfer.of(no(), "gold", alice, bob, 10, 300001))));
        String held = no();
        ledger.hold(NewHold.of(held, "gold", alice, bob, 20, 300001, 600));
        ledger.holdById(held);
        ledger.postHold(held, new HoldResolution(no(), 20L));
        ledger.statement(alice, 10, null);
        ledger.dailyTotals("gold", LocalDate.now(ZoneOffset.ofHours(8)), "Asia/Shanghai");
        operator.get("/api/operator/ledger/audit");

        assertThatThrownBy(() -> payments.get("pay_missing")).isInstanceOf(TongbaoException.NotFound.class);
        assertThatThrownBy(() -> payments.create(PaymentApi.PaymentRequest.of(no(), -1, "negative", "ALIPAY_QR")))
                .isInstanceOf(TongbaoException.InvalidRequest.class);
        assertThatThrownBy(client::platformKey).isInstanceOf(TongbaoException.BusinessRule.class);
        String key = "described-" + no();
        client.post("/api/v1/ledger/transfers", NewTransfer.of(no(), "gold", alice, bob, 1, 300001), key, Map.class);
        assertThatThrownBy(() -> client.post(
                        "/api/v1/ledger/transfers",
                        NewTransfer.of(no(), "gold", alice, bob, 2, 300001),
                        key,
                        Map.class))
                .isInstanceOf(TongbaoException.Conflict.class);
        TongbaoClient forger = TongbaoClient.builder()
                .baseUrl(operator.baseUrl())
                .appId(app.appId())
                .hmacSecret("sk_not_the_secret_not_the_secret_000000")
                .maxRetries(0)
                .build();
        assertThatThrownBy(forger::currentApp).isInstanceOf(TongbaoException.Authentication.class);
        assertThat(operator.get("/api/operator/merchants/mch_missing").status()).isEqualTo(404);
        assertThat(sendAsOperator("POST", "/api/operator/merchants", "text/plain", "name=x")
                        .statusCode())
                .isEqualTo(415);
        assertThat(operator.post("/api/operator/apps/" + app.appId() + "/suspend", null)
                        .status())
                .isEqualTo(200);
        assertThatThrownBy(client::currentApp).isInstanceOf(TongbaoException.PermissionDenied.class);

        List<ApiTraffic.Exchange> exchanges = traffic.exchanges();
        assertThat(exchanges)
                .extracting(ApiTraffic.Exchange::status)
                .contains(200, 201, 400, 401, 403, 404, 409, 415, 422);
        assertThat(ApiDescription.of(apiDocsJson()).problems(exchanges)).isEmpty();
    }

    @Test
    void theCheckRefusesWhatTheDescriptionDoesNotSay() {
        OperatorClient.HmacApp app = operator.createHmacApp(operator.createMerchant("strictly described merchant"));
        operator.sdk(app).currentApp();
        ApiTraffic.Exchange answered = traffic.exchanges().stream()
                .filter(exchange -> exchange.path().equals("/api/v1/app"))
                .findFirst()
                .orElseThrow();
        ApiDescription description = ApiDescription.of(apiDocsJson());
        assertThat(description.problems(answered)).isEmpty();

        String body = new String(answered.responseBody(), StandardCharsets.UTF_8);
        ApiTraffic.Exchange withUndocumentedField = new ApiTraffic.Exchange(
                answered.method(),
                answered.path(),
                answered.query(),
                answered.requestHeaders(),
                answered.requestBody(),
                answered.status(),
                answered.responseHeaders(),
                body.replaceFirst("\\{", "{\"undocumented\":1,").getBytes(StandardCharsets.UTF_8));
        assertThat(description.problems(withUndocumentedField)).isNotEmpty();
        ApiTraffic.Exchange inCamelCase = new ApiTraffic.Exchange(
                answered.method(),
                answered.path(),
                answered.query(),
                answered.requestHeaders(),
                answered.requestBody(),
                answered.status(),
                answered.responseHeaders(),
                body.replace("\"app_id\"", "\"appId\"").getBytes(StandardCharsets.UTF_8));
        assertThat(description.problems(inCamelCase)).isNotEmpty();
    }

    private HttpResponse<String> sendAsOperator(String method, String path, String contentType, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(operator.baseUrl() + path))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString((OperatorClient.USER + ":"
                                                                            + OperatorClient.PASSWORD)
                                                                    .getBytes(StandardCharsets.UTF_8)))
                                    .header("Content-Type", contentType)
                                    .method(method, HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(TongbaoClient client) {
        return (List<Map<String, Object>>)
                client.get("/api/v1/events", Map.of("limit", "10"), Map.class).get("data");
    }

    private JsonNode apiDocs() {
        OperatorClient.Response docs = operator.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        return docs.body();
    }

    private String apiDocsJson() {
        OperatorClient.Response docs = operator.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        try {
            // kept beside the build's output: what a client generator would be given
            Files.writeString(Path.of("target", "api-docs.json"), docs.raw());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs.raw();
    }

    private static String no() {
        return "D" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
