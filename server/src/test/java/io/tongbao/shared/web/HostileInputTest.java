package io.tongbao.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongbao.sdk.CanonicalRequest;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Garbage sent over raw HTTP to every kind of endpoint: each gets a 4xx in the documented shape
 * ({@code code, message, request_id}), never a 500 and never another shape; a money amount is a JSON integer in
 * minor units or it is refused naming the field.
 */
@TongbaoTest
class HostileInputTest {

    private static final String JSON = "application/json";
    private static final String MINOR_UNITS = "must be a JSON integer in minor units";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    private final JsonMapper json = JsonMapper.builder().build();
    private RawHttp http;
    private OperatorClient.HmacApp app;

    @BeforeEach
    void onboard() {
        http = new RawHttp(port);
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        app = operator.createHmacApp(operator.createMerchant("hostile input merchant"));
    }

    // --- amounts: a JSON integer of minor units, nothing else --------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"19.99", "\"19.99\"", "\" 12 \"", "\"12\"", "1e3", "100.0", "true"})
    void aPaymentAmountThatIsNotAJsonIntegerIsRefusedNamingTheField(String amount) {
        RawHttp.Response response = signed("POST", "/api/v1/payments", JSON, """
                {"out_trade_no":"T%s","amount":%s,"subject":"tea","pay_way":"ALIPAY_QR"}""".formatted(
                        UUID.randomUUID().toString().substring(0, 8), amount));

        assertRefused(response, 400, "INVALID_PARAMETER")
                .startsWith("amount: " + MINOR_UNITS)
                .contains("1999");
    }

    @Test
    void anAmountBeyondALongIsRefusedNamingTheField() {
        RawHttp.Response response = signed("POST", "/api/v1/payments", JSON, """
                {"out_trade_no":"T1","amount":99999999999999999999,"subject":"tea","pay_way":"ALIPAY_QR"}""");

        assertRefused(response, 400, "INVALID_PARAMETER").startsWith("amount: must be a JSON integer from");
    }

    @Test
    void aFractionalRefundAmountIsRefused() {
        RawHttp.Response response = signed("POST", "/api/v1/payments/pay_none/refunds", JSON, """
                {"out_refund_no":"R1","amount":1.9}""");

        assertRefused(response, 400, "INVALID_PARAMETER").startsWith("amount: " + MINOR_UNITS);
    }

    @Test
    void fractionalLedgerAmountsAreRefusedNamingTheFieldAndItsPlace() {
        assertRefused(signed("POST", "/api/v1/ledger/transfers", JSON, """
                {"transfer_id":"t1","point_type":"gold","from_account":"a","to_account":"b","amount":1.5,"reason":100001}"""), 400, "INVALID_PARAMETER")
                .startsWith("amount: " + MINOR_UNITS);
        assertRefused(signed("POST", "/api/v1/ledger/holds", JSON, """
                {"transfer_id":"h1","point_type":"gold","from_account":"a","to_account":"b","amount":"7","reason":1}"""), 400, "INVALID_PARAMETER")
                .startsWith("amount: " + MINOR_UNITS);
        assertRefused(signed("POST", "/api/v1/ledger/batches", JSON, """
                {"mode":"LINKED","transfers":[{"transfer_id":"t1","amount":1},{"transfer_id":"t2","amount":1e3}]}"""), 400, "INVALID_PARAMETER")
                .startsWith("transfers[1].amount: " + MINOR_UNITS);
        assertRefused(signed("POST", "/api/v1/ledger/conversions", JSON, """
                {"conversion_id":"c1","from_account":"a","to_account":"b","amount":10,"rate_numerator":1.5,"rate_denominator":1}"""), 400, "INVALID_PARAMETER")
                .startsWith("rate_numerator: must be a JSON integer");
    }

    @Test
    void otherWholeNumberFieldsDoNotCoerceEither() {
        assertRefused(signed("POST", "/api/v1/ledger/point-types", JSON, """
                {"code":"silver","name":"silver","scale":2.5}"""), 400, "INVALID_PARAMETER")
                .startsWith("scale: must be a JSON integer");
        assertRefused(signed("POST", "/api/v1/ledger/reasons", JSON, """
                {"code":"100001","description":"issue"}"""), 400, "INVALID_PARAMETER")
                .startsWith("code: must be a JSON integer");
        assertRefused(
                        operator("PUT", "/api/operator/apps/" + app.appId() + "/fee-rates", JSON, """
                {"rates":{"ALIPAY_QR":0.6}}"""),
                        400,
                        "INVALID_PARAMETER")
                .startsWith("rates.ALIPAY_QR: must be a JSON integer");
        assertRefused(signed("GET", "/api/v1/events?limit=1.5", null, ""), 400, "INVALID_PARAMETER")
                .isEqualTo("limit: must be an integer");
    }

    @Test
    void aValueOfTheWrongJsonTypeNamesTheField() {
        assertRefused(signed("POST", "/api/v1/payments", JSON, """
                {"out_trade_no":{"a":1},"amount":100,"subject":"tea","pay_way":"ALIPAY_QR"}"""), 400, "INVALID_PARAMETER")
                .isEqualTo("out_trade_no: must be a JSON string");
        assertRefused(signed("POST", "/api/v1/ledger/batches", JSON, """
                {"mode":"SOMETIMES","transfers":[]}"""), 400, "INVALID_PARAMETER")
                .startsWith("mode: must be one of");
    }

    // --- NUL, which PostgreSQL cannot store --------------------------------------------------------------------

    @Test
    void nulInAJsonStringIsRefusedNamingTheField() {
        assertRefused(
                        operator("POST", "/api/operator/merchants", JSON, "{\"name\":\"a\\u0000b\"}"),
                        400,
                        "INVALID_PARAMETER")
                .startsWith("name: must not contain the NUL character");
        assertRefused(
                        signed(
                                "POST",
                                "/api/v1/ledger/point-types",
                                JSON,
                                "{\"code\":\"a\\u0000b\",\"name\":\"x\",\"scale\":0}"),
                        400,
                        "INVALID_PARAMETER")
                .startsWith("code: must not contain the NUL character");
    }

    @Test
    void nulInAQueryParameterIsRefusedNamingIt() {
        assertRefused(signed("GET", "/api/v1/events?after=%00", null, ""), 400, "INVALID_PARAMETER")
                .startsWith("after: must not contain the NUL character");
    }

    // --- encodings, media types, URLs ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"%ff", "%zz", "%e9%80", "%"})
    void aQueryThatIsNotPercentEncodedUtf8IsRefusedEverywhere(String garbage) {
        assertRefused(signed("GET", "/api/v1/events?after=" + garbage, null, ""), 400, "INVALID_PARAMETER")
                .startsWith("after: ");
        assertRefused(operator("GET", "/api/operator/merchants?after=" + garbage, null, ""), 400, "INVALID_PARAMETER")
                .startsWith("after: ");
        assertRefused(
                        http.send("GET", "/actuator/health?probe=" + garbage, Map.of(), new byte[0]),
                        400,
                        "INVALID_PARAMETER")
                .startsWith("probe: ");
        assertRefused(operator("GET", "/v3/api-docs?x=" + garbage, null, ""), 400, "INVALID_PARAMETER");
    }

    @Test
    void aWildcardContentTypeIsUnsupported() {
        assertRefused(signed("POST", "/api/v1/payments", "application/*", "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(
                operator("POST", "/api/operator/merchants", "application/*", "{\"name\":\"x\"}"),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(
                operator("POST", "/api/operator/merchants", "not a media type", "{\"name\":\"x\"}"),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data", "multipart/form-data; boundary=x"})
    void aJsonBodySentAsMultipartIsUnsupported(String contentType) {
        assertRefused(signed("POST", "/api/v1/payments", contentType, "{\"amount\":1}"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(
                operator("POST", "/api/operator/merchants", contentType, "{\"name\":\"x\"}"),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aMalformedFormBodyOnAPutIsRefusedNotFailed() {
        RawHttp.Response response = operator(
                "PUT",
                "/api/operator/apps/" + app.appId() + "/notify-url",
                "application/x-www-form-urlencoded",
                "notify_url=%zz");

        assertRefused(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1//app",
                "/api/v1/app;x=1",
                "/api/v1/./app",
                "/api/operator//merchants",
                "/api/operator/merchants;jsessionid=1",
                "/actuator//health"
            })
    void aUrlNotInNormalFormIsRefusedInTheDocumentedShape(String target) {
        assertRefused(
                target.startsWith("/api/v1") ? signed("GET", target, null, "") : operator("GET", target, null, ""),
                400,
                "INVALID_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/%zz",
                "/api/v1/a%2Fb",
                "/api/v1/a%00b",
                "/api/v1/a\\b",
                "/api/v1/a b",
                // a cut escape in a path parameter: the container leaves it to Spring, which failed on it (fuzz
                // finding)
                "/api/v1/events;after=%",
                "/api/operator/merchants;x=%z",
                "/channels/alipay/notify/app_x;a=%"
            })
    void aUrlTheContainerRefusesIsAnsweredInTheDocumentedShape(String target) {
        assertRefused(http.send("GET", target, Map.of(), new byte[0]), 400, "INVALID_REQUEST");
    }

    @Test
    void aHeaderValueWithAControlCharacterIsRefusedBeforeAnythingReadsIt() {
        // the firewall refused it lazily, when the merchant filter read Content-Type: a 500 (fuzz finding)
        Map<String, String> headers = signatureHeaders("POST", "/api/v1/payments", "{}");
        headers.put("Content-Type", "applica\u0082tion/json");
        RawHttp.Response response =
                http.send("POST", "/api/v1/payments", headers, "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "INVALID_REQUEST").contains("header");
        headers.put("Content-Type", JSON);
        headers.put("X-Note", "a\u0007b");
        assertRefused(http.send("POST", "/channels/alipay/notify/app_x", headers, new byte[0]), 400, "INVALID_REQUEST");
    }

    @Test
    void aTransferCodingTheServerDoesNotImplementIs501InTheDocumentedShapeNotAnInternalError() {
        // Tomcat answers this before the application (RFC 9112 prescribes 501); it was reported as INTERNAL_ERROR
        RawHttp.Response response = http.send(
                "POST",
                "/api/v1/payments",
                new LinkedHashMap<>(Map.of("Transfer-Encoding", "gzip2", "Content-Type", JSON)),
                new byte[0]);

        assertRefused(response, 501, "NOT_IMPLEMENTED").contains("transfer coding");
    }

    @Test
    void theErrorPathAskedForDirectlyIsNotFound() {
        assertRefused(http.send("GET", "/error", Map.of(), new byte[0]), 404, "NOT_FOUND");
        assertRefused(operator("POST", "/error", JSON, "{}"), 404, "NOT_FOUND");
    }

    // --- bodies ---------------------------------------------------------------------------------------------------

    @Test
    void aBodyOverTheLimitIsRefusedOnTheOperatorApiToo() {
        String padding = "x".repeat(1_100_000);
        assertRefused(
                operator("POST", "/api/operator/merchants", JSON, "{\"name\":\"big\",\"pad\":\"" + padding + "\"}"),
                413,
                "BODY_TOO_LARGE");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWhileItIsRead() {
        byte[] body = ("{\"name\":\"big\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 65_536) {
            int size = Math.min(65_536, body.length - at);
            chunked.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(body, at, size);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((OperatorClient.USER + ":" + OperatorClient.PASSWORD)
                                        .getBytes(StandardCharsets.UTF_8)));
        headers.put("Content-Type", JSON);
        headers.put("Transfer-Encoding", "chunked");

        assertRefused(
                http.send("POST", "/api/operator/merchants", headers, chunked.toByteArray()), 413, "BODY_TOO_LARGE");
    }

    @Test
    void bodiesOfTheWrongShapeAreInvalid() {
        assertRefused(signed("POST", "/api/v1/payments", JSON, "{\"amount\":"), 400, "INVALID_BODY");
        assertRefused(signed("POST", "/api/v1/payments", JSON, "[1,2]"), 400, "INVALID_BODY");
        assertRefused(operator("POST", "/api/operator/merchants", JSON, "[]"), 400, "INVALID_BODY");
        String deep = "{\"metadata\":".repeat(2000) + "1" + "}".repeat(2000);
        assertRefused(signed("POST", "/api/v1/payments", JSON, deep), 400, "INVALID_BODY");
    }

    @Test
    void anUnknownEnumValueInTheQueryNamesTheParameter() {
        assertRefused(signed("GET", "/api/v1/payments?status=BOGUS", null, ""), 400, "INVALID_PARAMETER")
                .startsWith("status: must be one of");
    }

    @Test
    void aRefusalIsJsonWhateverTheAcceptHeaderAsks() {
        Map<String, String> headers = signatureHeaders("POST", "/api/v1/payments", "{\"amount\":1.5}");
        headers.put("Content-Type", JSON);
        headers.put("Accept", "text/html");
        RawHttp.Response response =
                http.send("POST", "/api/v1/payments", headers, "{\"amount\":1.5}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "INVALID_PARAMETER").startsWith("amount: ");
    }

    // --- unknown query parameters -----------------------------------------------------------------------------

    @Test
    void anUnknownQueryParameterIsRefusedNamingIt() {
        assertRefused(signed("GET", "/api/v1/events?type=payment.succeeded", null, ""), 400, "INVALID_PARAMETER")
                .startsWith("type: unknown query parameter")
                .contains("types");
        assertRefused(operator("GET", "/api/operator/merchants?bogus=1", null, ""), 400, "INVALID_PARAMETER")
                .startsWith("bogus: unknown query parameter");
    }

    @Test
    void theQueryParametersAnEndpointReadsAreAccepted() {
        assertThat(signed("GET", "/api/v1/events?limit=5", null, "").status()).isEqualTo(200);
        assertThat(signed("GET", "/api/v1/payments?limit=5&status=PAID", null, "")
                        .status())
                .isEqualTo(200);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private AbstractStringAssert<?> assertRefused(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith(JSON);
        JsonNode body = json.readTree(response.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("code", "message", "request_id");
        assertThat(body.get("code").asString()).as(response.body()).isEqualTo(code);
        assertThat(body.get("request_id").asString()).startsWith("req_");
        return assertThat(body.get("message").asString());
    }

    private RawHttp.Response signed(String method, String target, String contentType, String body) {
        Map<String, String> headers = signatureHeaders(method, target, body);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return http.send(method, target, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Response operator(String method, String target, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((OperatorClient.USER + ":" + OperatorClient.PASSWORD)
                                        .getBytes(StandardCharsets.UTF_8)));
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return http.send(method, target, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Signs as the merchant API wants; a query it cannot decode is signed as sent (it is refused before the check). */
    private Map<String, String> signatureHeaders(String method, String target, String body) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        long timestamp = Instant.now().getEpochSecond();
        String nonce = UUID.randomUUID().toString().replace("-", "");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String canonical;
        try {
            canonical = CanonicalRequest.requestString(method, path, query, app.appId(), timestamp, nonce, bytes);
        } catch (IllegalArgumentException undecodable) {
            canonical = String.join(
                    "\n",
                    method,
                    path,
                    query,
                    app.appId(),
                    Long.toString(timestamp),
                    nonce,
                    CanonicalRequest.sha256Hex(bytes));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Tongbao-App-Id", app.appId());
        headers.put("Tongbao-Timestamp", Long.toString(timestamp));
        headers.put("Tongbao-Nonce", nonce);
        headers.put("Tongbao-Signature", hmac(canonical));
        return headers;
    }

    private String hmac(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(app.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
