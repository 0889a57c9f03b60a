package io.tongbao.gateway;

import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 12, item 12, measured (not a pass/fail test, timing assertions flake; run with {@code -Dmeasure=true}): can
 * the answer time tell whether an app id exists? 400 pairs, each a forged request naming a real app and one naming
 * an unknown app, in random order within the pair, over one keep-alive connection; prints both medians and in how
 * many pairs the real app's answer was the slower. Equal cost means about 200 of 400. The flood limits are lifted
 * here: this measures the verification, not the limiter. Figures in docs/benchmarks.md.
 */
@TongbaoTest
@EnabledIfSystemProperty(named = "measure", matches = "true")
@TestPropertySource(
        properties = {
            "tongbao.api.failures-per-source.burst=1000000000",
            "tongbao.api.failures-per-source.per-second=1000000000",
            "tongbao.api.requests-per-second=1000000000",
            "tongbao.api.burst=1000000000"
        })
class AppIdProbeMeasurement {

    static final int PAIRS = 400;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void realAndUnknownAppIdsAnswerInTheSameTime() throws Exception {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        String merchant = operator.createMerchant("probe bench");
        String hmacApp = operator.createHmacApp(merchant).appId();
        String rsaApp = operator.createRsaApp(merchant).appId();
        byte[] hmacShaped = new byte[32];
        byte[] rsaShaped = new byte[256];

        measure(
                "HMAC-shaped signature: HMAC app vs the same unknown id",
                hmacApp,
                i -> "app_unknown0000000000",
                hmacShaped);
        measure(
                "HMAC-shaped signature: HMAC app vs a new unknown id each time",
                hmacApp,
                i -> "app_u" + UUID.randomUUID().toString().replace("-", "").substring(0, 19),
                hmacShaped);
        measure(
                "HMAC-shaped signature: RSA2 app vs the same unknown id",
                rsaApp,
                i -> "app_unknown0000000000",
                hmacShaped);
        measure(
                "RSA-shaped signature: RSA2 app vs the same unknown id",
                rsaApp,
                i -> "app_unknown0000000000",
                rsaShaped);
        measure(
                "RSA-shaped signature: HMAC app vs the same unknown id",
                hmacApp,
                i -> "app_unknown0000000000",
                rsaShaped);
    }

    private void measure(String what, String realApp, IntFunction<String> unknownApps, byte[] signature)
            throws Exception {
        for (int i = 0; i < 500; i++) { // warm-up
            time(realApp, signature);
            time(unknownApps.apply(i), signature);
        }
        long[] real = new long[PAIRS];
        long[] unknown = new long[PAIRS];
        int realSlower = 0;
        for (int i = 0; i < PAIRS; i++) {
            if (ThreadLocalRandom.current().nextBoolean()) {
                real[i] = time(realApp, signature);
                unknown[i] = time(unknownApps.apply(i), signature);
            } else {
                unknown[i] = time(unknownApps.apply(i), signature);
                real[i] = time(realApp, signature);
            }
            if (real[i] > unknown[i]) {
                realSlower++;
            }
        }
        System.out.printf(
                "APP ID PROBE | %-60s | real app median %.3f ms | unknown app median %.3f ms | real slower in %d of %d pairs%n",
                what, median(real) / 1e6, median(unknown) / 1e6, realSlower, PAIRS);
    }

    private long time(String appId, byte[] signature) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/app"))
                .header("Tongbao-App-Id", appId)
                .header("Tongbao-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header("Tongbao-Nonce", "probe" + UUID.randomUUID().toString().replace("-", ""))
                .header("Tongbao-Signature", Base64.getEncoder().encodeToString(signature))
                .GET()
                .build();
        long started = System.nanoTime();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        long took = System.nanoTime() - started;
        if (response.statusCode() != 401) {
            throw new AssertionError("expected 401, got " + response.statusCode());
        }
        return took;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
