package io.tongbao.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tongbao.sdk.CanonicalRequest;
import io.tongbao.support.EndToEnd;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.OwnDatabaseInitializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing (Jazzer) of what the public can send: the signed merchant API (headers, query, JSON bodies
 * of payments, refunds and ledger calls), and the two channel notification endpoints. The whole application runs
 * on its own PostgreSQL with the channel sandbox mounted, and every case is one raw HTTP request to it, so that
 * Tomcat's parsing (percent-encoding, parameters, content types) is fuzzed as a client would meet it.
 *
 * <p>Oracles, for every case: an answer, and below 500 (but for Tomcat's 501 and 505, which HTTP prescribes for a transfer
 * coding or a version it does not implement); under /api/ every refusal in the documented shape
 * {@code {"code","message","request_id"}} (Tomcat's own answers to requests it cannot parse excepted); no notification
 * the fuzzer made is ever accepted ({@code success} from the Alipay endpoint, a 2xx from WeChat Pay's), and no
 * payment becomes PAID (nobody pays in these runs, so one that does was paid by a forgery).
 *
 * <p>Without JAZZER_FUZZ each method replays its committed inputs (src/test/resources/io/tongbao/fuzz/ApiFuzzTestInputs)
 * plus a few deterministic mutations of each, a few hundred cases in all; with {@code JAZZER_FUZZ=1} and one method
 * selected, Jazzer fuzzes it (bench/fuzz.sh, docs/benchmarks.md).
 */
@EndToEnd
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OwnDatabaseInitializer.class)
@TestPropertySource(
        properties = {
            "tongbao.sandbox.enabled=true",
            "tongbao.payments.janitor.enabled=false",
            // one app sends every case: the rate limit would answer most of them 429 and hide what is behind it
            "tongbao.api.requests-per-second=1000000",
            "tongbao.api.burst=1000000",
            // every case comes from 127.0.0.1 and most fail authentication: the per-source budget would answer them
            // 429,
            // and the floor on INVALID_SIGNATURE answers (timing equalisation) would only slow the run down
            "tongbao.api.failures-per-source.burst=1000000000",
            "tongbao.api.failures-per-source.per-second=1000000000",
            "tongbao.api.invalid-signature-floor=0ms"
        })
class ApiFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong NONCES = new AtomicLong();
    private static final int MUTATIONS_PER_SEED =
            Integer.getInteger("tongbao.fuzz.mutations-per-seed", isFuzzing() ? 0 : 8);
    private static final Map<String, Findings> FINDINGS = new ConcurrentHashMap<>();

    private static FuzzFixture fixture;
    private static ServerLog serverLog;
    private static RawHttp http;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @BeforeEach
    void onboardOnce() {
        synchronized (ApiFuzzTest.class) {
            if (fixture == null) {
                fixture = FuzzFixture.onboard(new OperatorClient(port, jdbc, passwords), jdbc);
                serverLog = ServerLog.attach();
                http = new RawHttp(port);
            }
        }
    }

    @AfterAll
    static void summarize() {
        FINDINGS.values().forEach(findings -> {
            System.out.println("FUZZ " + findings.summary());
            findings.writeSummary();
        });
    }

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/io/tongbao/fuzz/http.dict")
    void merchantApi(byte[] input) {
        run("merchant-api", input, Target.MERCHANT_API);
    }

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/io/tongbao/fuzz/http.dict")
    void alipayNotification(byte[] input) {
        run("alipay-notify", input, Target.ALIPAY_NOTIFY);
    }

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "/io/tongbao/fuzz/http.dict")
    void wechatPayNotification(byte[] input) {
        run("wechatpay-notify", input, Target.WECHATPAY_NOTIFY);
    }

    /** What an input that is not in request form is sent as, and whether the harness signs merchant requests. */
    enum Target {
        MERCHANT_API("POST", "/api/v1/payments", List.of(new FuzzRequest.Header("Content-Type", "application/json"))),
        ALIPAY_NOTIFY(
                "POST",
                "/channels/alipay/notify/{app}",
                List.of(new FuzzRequest.Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"))),
        WECHATPAY_NOTIFY(
                "POST",
                "/channels/wechatpay/notify/{app}",
                List.of(
                        new FuzzRequest.Header("Content-Type", "application/json"),
                        new FuzzRequest.Header("Wechatpay-Serial", "{wechatpay_serial}"),
                        new FuzzRequest.Header("Wechatpay-Timestamp", "{now}"),
                        new FuzzRequest.Header("Wechatpay-Nonce", "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"),
                        new FuzzRequest.Header("Wechatpay-Signature", "Zm9yZ2Vk"),
                        new FuzzRequest.Header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")));

        final String method;
        final String path;
        final List<FuzzRequest.Header> defaultHeaders;

        Target(String method, String path, List<FuzzRequest.Header> defaultHeaders) {
            this.method = method;
            this.path = path;
            this.defaultHeaders = defaultHeaders;
        }
    }

    private void run(String name, byte[] input, Target target) {
        // Jazzer's SSRF detector: the cases and the application's own calls (sandbox, database) stay on this machine;
        // a connection anywhere else is a finding, and is refused
        BugDetectors.allowNetworkConnections((host, port) -> isLoopback(host));
        Findings findings = FINDINGS.computeIfAbsent(name, Findings::new);
        exercise(findings, input, target);
        for (byte[] mutant : Mutations.of(input, MUTATIONS_PER_SEED)) {
            exercise(findings, mutant, target);
        }
    }

    private void exercise(Findings findings, byte[] input, Target target) {
        Map<String, String> placeholders = fixture.placeholders();
        FuzzRequest request = FuzzRequest.parse(input, placeholders);
        if (request == null) {
            // not in request form: the whole input is the body of the target's usual request
            request = new FuzzRequest(
                    target.method,
                    FuzzRequest.substitute(target.path, placeholders),
                    target.defaultHeaders.stream()
                            .map(h -> new FuzzRequest.Header(h.name(), FuzzRequest.substitute(h.value(), placeholders)))
                            .toList(),
                    FuzzRequest.substitute(new String(input, StandardCharsets.ISO_8859_1), placeholders)
                            .getBytes(StandardCharsets.ISO_8859_1));
        }
        if (target == Target.MERCHANT_API) {
            request = sign(request);
        }
        serverLog.clear();
        RawHttp.Response response;
        try {
            response = http.send(request.wire());
        } catch (IOException e) {
            response = new RawHttp.Response(0, Map.of(), e.toString().getBytes(StandardCharsets.UTF_8));
        }
        findings.count(response);
        for (Findings.Violation violation : violations(request, response, target)) {
            if (violation.what().startsWith("forged")) {
                findings.forgeryAccepted();
            }
            findings.report(violation, request, response, serverLog);
        }
    }

    private List<Findings.Violation> violations(FuzzRequest request, RawHttp.Response response, Target target) {
        List<Findings.Violation> found = new ArrayList<>();
        String path = request.path();
        if (response.status() == 0 && request.framedByHarness()) {
            // an input that frames its body itself may promise more bytes than it sends: no answer is then no fault
            found.add(new Findings.Violation("no answer", null));
        } else if (response.status() >= 500 && !refusedByTomcatAsTheRfcSays(request, response)) {
            found.add(new Findings.Violation("5xx", null));
        }
        // a HEAD answer has no body (RFC 9110), so no error shape to check
        if (path.startsWith("/api/")
                && response.status() >= 400
                && !answeredByTomcat(response)
                && !"HEAD".equalsIgnoreCase(request.method())) {
            String shape = errorShapeProblem(response);
            if (shape != null) {
                found.add(new Findings.Violation("error shape", shape + " (" + response.status() + ")"));
            }
        }
        if (path.startsWith("/channels/alipay/notify")
                && response.text().strip().equals("success")) {
            found.add(new Findings.Violation("forged Alipay notification accepted", "success"));
        }
        if (path.startsWith("/channels/wechatpay/notify") && response.status() / 100 == 2) {
            found.add(new Findings.Violation(
                    "forged WeChat Pay notification accepted", Integer.toString(response.status())));
        }
        if (target != Target.MERCHANT_API && fixture.paidPayments() > 0) {
            found.add(new Findings.Violation("forged notification paid a payment", "PAID"));
        }
        return found;
    }

    /**
     * Tomcat refuses a request it cannot parse (a bad request line or header) before the application sees it: an
     * HTML page without the request id the application puts on every answer.
     */
    private static boolean answeredByTomcat(RawHttp.Response response) {
        return response.header("Tongbao-Request-Id") == null
                && String.valueOf(response.header("Content-Type")).startsWith("text/html");
    }

    /**
     * Tomcat's 501 to a transfer coding it does not implement (RFC 9112, 6.1) and 505 to an HTTP version it does not
     * support: answers the protocol prescribes, given before the application sees the request.
     */
    private static boolean refusedByTomcatAsTheRfcSays(FuzzRequest request, RawHttp.Response response) {
        boolean unknownCoding = request.header("Transfer-Encoding") != null
                && !request.header("Transfer-Encoding").equalsIgnoreCase("chunked");
        // Tomcat decides these before the application; the application's error report then writes them in our shape
        return response.status() == 505 || response.status() == 501 && unknownCoding;
    }

    /** Null when the body is the documented error: a JSON object of exactly code, message and request_id, all text. */
    private static String errorShapeProblem(RawHttp.Response response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return "not JSON: " + response.header("Content-Type");
        }
        if (body == null || !body.isObject()) {
            return "not a JSON object";
        }
        List<String> fields = new ArrayList<>();
        body.propertyNames().forEach(fields::add);
        if (!fields.stream().sorted().toList().equals(List.of("code", "message", "request_id"))
                || !body.get("code").isString()
                || !body.get("message").isString()
                || !body.get("request_id").isString()) {
            return "fields " + fields;
        }
        return null;
    }

    /**
     * Signs the request as the fixture's app would, over exactly what is sent, so that the cases reach the handlers;
     * {@code X-Fuzz-Sign: none} leaves the input's own Tongbao-* headers (unsigned requests), {@code bad} sends a
     * wrong signature. The directive itself is not sent.
     */
    private static FuzzRequest sign(FuzzRequest request) {
        String mode = String.valueOf(request.header("X-Fuzz-Sign")).strip();
        FuzzRequest unsigned = request.without("X-Fuzz-Sign");
        if (mode.equals("none")) {
            return unsigned;
        }
        long timestamp = Instant.now().getEpochSecond();
        String nonce = String.format("fuzz%016d%08x", NONCES.incrementAndGet(), System.nanoTime() & 0xffffffffL);
        String signature;
        try {
            signature = hmac(
                    fixture.hmacSecret,
                    CanonicalRequest.requestString(
                            request.method(),
                            request.path(),
                            request.query(),
                            fixture.appId,
                            timestamp,
                            nonce,
                            request.body()));
        } catch (IllegalArgumentException cannotBeCanonicalized) {
            signature = Base64.getEncoder().encodeToString(new byte[32]);
        }
        if (mode.equals("bad")) {
            signature = Base64.getEncoder().encodeToString(new byte[32]);
        }
        return unsigned.with("Tongbao-App-Id", fixture.appId)
                .with("Tongbao-Timestamp", Long.toString(timestamp))
                .with("Tongbao-Nonce", nonce)
                .with("Tongbao-Signature", signature);
    }

    private static String hmac(String secret, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    private static boolean isFuzzing() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        return fuzz != null && !fuzz.isEmpty();
    }
}
