package io.tongbao.platform;

import static org.awaitility.Awaitility.await;

import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.TongbaoException;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.TongbaoTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issue 12, item 7, measured (not a pass/fail test; run with {@code -Dmeasure=true}): the merchant API's median
 * latency, called in sequence, while 32 threads send wrong operator passwords. Phases: no flood; 32 threads from
 * one address against one name (the flood); 32 threads each from an address of its own with a new name
 * each time (what gets past the per-source and per-name budgets, so only the hashing bulkhead is left). To see the
 * unprotected figures, run with {@code -Dtongbao.operator-login.concurrent-hashes=64
 * -Dtongbao.operator-login.failures-per-source=1000000000 -Dtongbao.operator-login.failures-per-user=1000000000
 * -Dtongbao.operator-login.max-failures=1000000000}. Figures in docs/benchmarks.md.
 */
@TongbaoTest
@EnabledIfSystemProperty(named = "measure", matches = "true")
class LoginFloodMeasurement {

    static final int THREADS = 32;
    static final long PHASE_MILLIS = 15_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void merchantApiMedianUnderALoginFlood() throws Exception {
        OperatorClient operator = new OperatorClient(port, jdbc, passwords);
        TongbaoClient merchant = operator.sdk(operator.createHmacApp(operator.createMerchant("flood bench")));
        for (int i = 0; i < 300; i++) {
            merchant.currentApp();
        }
        report("no flood", merchant, null);
        report("32 threads, one address, one name", merchant, thread -> "127.0.0.1");
        report("32 threads, 32 addresses, a new name each time", merchant, thread -> "127.0.2." + (thread + 1));
    }

    private void report(String phase, TongbaoClient merchant, IntFunction<String> addresses) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Thread> flood = new ArrayList<>();
        if (addresses != null) {
            for (int t = 0; t < THREADS; t++) {
                HttpClient http = HttpClient.newBuilder()
                        .localAddress(InetAddress.getByName(addresses.apply(t)))
                        .build();
                boolean newNames = !addresses.apply(0).equals(addresses.apply(1));
                Thread thread = Thread.ofPlatform().daemon().start(() -> {
                    long n = 0;
                    while (running.get()) {
                        String user =
                                newNames ? "guess-" + Thread.currentThread().threadId() + "-" + n++ : "admin";
                        try {
                            int status = http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + port + "/api/operator/me"))
                                                    .header(
                                                            "Authorization",
                                                            "Basic "
                                                                    + Base64.getEncoder()
                                                                            .encodeToString((user + ":wrong-password")
                                                                                    .getBytes(StandardCharsets.UTF_8)))
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                    .incrementAndGet();
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, s -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                });
                flood.add(thread);
            }
            // measure once the flood is under way
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> statuses.values().stream()
                                    .mapToInt(AtomicInteger::get)
                                    .sum()
                            >= THREADS);
        }
        List<Long> micros = new ArrayList<>();
        int failedCalls = 0;
        try {
            long end = System.currentTimeMillis() + PHASE_MILLIS;
            while (System.currentTimeMillis() < end) {
                long started = System.nanoTime();
                try {
                    merchant.currentApp();
                } catch (TongbaoException e) {
                    failedCalls++; // a time-out, counted at the time it took
                }
                micros.add((System.nanoTime() - started) / 1000);
            }
        } finally {
            running.set(false);
            for (Thread thread : flood) {
                thread.join();
            }
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<Integer, Integer> answers = new TreeMap<>();
        statuses.forEach((status, count) -> answers.put(status, count.get()));
        System.out.printf(
                "LOGIN FLOOD | %-48s | merchant calls %5d (%d failed) | p50 %8.2f ms | p90 %8.2f ms | p99 %8.2f ms | login answers %s%n",
                phase,
                sorted.length,
                failedCalls,
                sorted[sorted.length / 2] / 1000.0,
                sorted[sorted.length * 9 / 10] / 1000.0,
                sorted[Math.min(sorted.length - 1, sorted.length * 99 / 100)] / 1000.0,
                answers);
    }
}
