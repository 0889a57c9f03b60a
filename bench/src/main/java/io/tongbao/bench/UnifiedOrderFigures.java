package io.tongbao.bench;

import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.PaymentApi.Payment;
import io.tongbao.sdk.PaymentApi.PaymentRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unified order figures: a closed loop at each concurrency to find the maximum, then an open loop at half of it
 * for the latency. Rows come out as report lines, so that the figures read the same whether the clients ran in the
 * benchmark's JVM or in a process of their own ({@link OrderClientsProcess}).
 */
final class UnifiedOrderFigures {

    static final double P99_TARGET_MILLIS = 50;

    private final PaymentApi payments;
    private final int seconds;
    private final int repeats;
    private final int maxInFlight;
    private final String runPrefix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final AtomicLong orders = new AtomicLong();

    UnifiedOrderFigures(PaymentApi payments, int seconds, int repeats, int maxInFlight) {
        this.payments = payments;
        this.seconds = seconds;
        this.repeats = repeats;
        this.maxInFlight = maxInFlight;
    }

    record Rows(List<String> closedLoop, List<String> atHalf) {}

    Rows measure(List<String> payWays, List<Integer> clients) throws Exception {
        List<String> closedLoop = new ArrayList<>();
        List<String> atHalf = new ArrayList<>();
        for (String way : payWays) {
            double max = 0;
            int atClients = 0;
            for (int c : clients) {
                List<Load.Result> runs = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    runs.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> order(way)));
                }
                double rate = Results.medianRate(runs);
                if (rate > max) {
                    max = rate;
                    atClients = c;
                }
                closedLoop.add(String.format(
                        "| %s | %d | %.0f | %.1f | %.1f | %d | %.1f |",
                        way,
                        c,
                        rate,
                        Results.medianP50(runs),
                        Results.medianP99(runs),
                        Results.failures(runs),
                        Report.oneMinuteLoad()));
            }
            atHalf.add(halfOfMax(way, max, atClients));
        }
        return new Rows(closedLoop, atHalf);
    }

    private String halfOfMax(String way, double max, int atClients) throws Exception {
        double offered = max / 2;
        List<Load.Result> runs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            runs.add(Load.paced(offered, Duration.ofSeconds(seconds), maxInFlight, (w, n) -> order(way)));
        }
        double p99 = Results.medianP99(runs);
        return String.format(
                "| %s | %.0f (%d) | %.0f | %.0f | %.1f | %.1f | %s | %d | %.1f |",
                way,
                max,
                atClients,
                offered,
                Results.medianRate(runs),
                Results.medianP50(runs),
                p99,
                p99 < P99_TARGET_MILLIS ? "**met**" : "**not met**",
                Results.failures(runs),
                Report.oneMinuteLoad());
    }

    /** One unified order; an answer without an action counts as a failure. */
    int order(String way) {
        Payment payment = payments.create(request(way, null));
        if (payment.action() == null) {
            throw new IllegalStateException(
                    way + " order " + payment.id() + " came back without an action: " + payment.status());
        }
        return 1;
    }

    PaymentRequest request(String way, String notifyUrl) {
        String outTradeNo = "B" + runPrefix + "x" + Long.toString(orders.incrementAndGet(), 36);
        return new PaymentRequest(
                outTradeNo, 1999, "CNY", "通宝 bench", null, way, null, notifyUrl, null, null, null, null, null, null);
    }
}
