package io.tongbao.bench;

import io.tongbao.webhook.WebhookProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Webhook delivery (issue 6): from the commit of a business event to the merchant's 200, through the outbox, the
 * webhook listener and the dispatcher, to a receiver on 127.0.0.1 that answers at once; pgbench -b tpcb-like on the
 * same PostgreSQL, interleaved, for context. Settings are system properties (docs/benchmarks.md).
 */
public final class WebhookBenchmark {

    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    final PostgresServer postgres = PostgresServer.fromSystemProperties();
    final int seconds = BenchProperties.integer("bench.seconds", 10);
    final int repeats = BenchProperties.integer("bench.repeats", 3);
    final List<Integer> clients = BenchProperties.ints("bench.clients", "1,8,32");
    final int backlog = BenchProperties.integer("bench.backlog", 500);
    final int drainLimitSeconds = BenchProperties.integer("bench.drain-limit-seconds", 300);
    final List<String> only = BenchProperties.strings("bench.only", "concurrent,backlog");
    final int warmupSeconds = BenchProperties.integer("bench.warmup-seconds", 15);
    final String database = BenchProperties.string("bench.database", "tongbao_bench_webhooks");
    final String pgbenchDatabase = BenchProperties.string("bench.pgbench-database", "pgbench_webhooks");

    final Report report = new Report("webhooks");
    final Pgbench pgbench = new Pgbench(postgres);

    public static void main(String[] args) throws Exception {
        new WebhookBenchmark().run();
        System.exit(0);
    }

    void run() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
                RunningTongbao tongbao = RunningTongbao.start(
                        postgres,
                        database,
                        Map.of(
                                // the receiver is on loopback, which production refuses (SSRF policy)
                                "tongbao.webhooks.allow-private-targets", "true"))) {
            OperatorApi operator = OperatorApi.open(tongbao);
            OperatorApi.BenchApp app = operator.onboardHmacApp("webhook bench", tongbao.baseUrl());
            // the events name no payment of the payment module, so they go to the app's default notify URL
            operator.setNotifyUrl(app.appId(), receiver.url());
            PaymentSucceededSource source = new PaymentSucceededSource(tongbao, app);
            int maxClients = clients.stream().max(Integer::compare).orElse(8);
            pgbench.initialize(pgbenchDatabase, maxClients);

            report.header("Webhook delivery benchmark report", postgres, repeats, seconds);
            report.line("- event: `PaymentSucceeded` published in a committed transaction; delivered to "
                    + receiver.url() + ", which answers 200 at once");
            report.line("- dispatcher: " + dispatcherSettings(tongbao));
            report.line("- pgbench: `"
                    + String.join(" ", pgbench.tpcbCommand(pgbenchDatabase, 0, seconds))
                            .replace("-c 0", "-c <clients>") + "` (scale " + maxClients + "), interleaved");
            report.line(
                    "- warm-up before the figures: " + warmupSeconds + " s of deliveries at 8 clients, not measured");
            report.line("");
            Load.run(8, Duration.ofSeconds(warmupSeconds), (w, n) -> publishAndAwait(source, receiver));
            if (only.contains("concurrent")) {
                concurrent(source, receiver);
            }
            if (only.contains("backlog")) {
                backlog(source, receiver, tongbao);
            }
            long succeeded = tongbao.count("select count(*) from webhook_delivery where status = 'SUCCEEDED'");
            report.row(
                    "Receiver: %d deliveries, %d duplicates (same event id twice). Attempts on record: %d for %d "
                            + "succeeded deliveries. Row versions written to webhook_delivery per succeeded delivery "
                            + "(claims, postponements, the outcome; pg_stat_user_tables.n_tup_upd): %.1f.",
                    receiver.deliveries(),
                    receiver.duplicates(),
                    tongbao.count("select count(*) from webhook_attempt"),
                    succeeded,
                    deliveryRowUpdates(tongbao) / (double) Math.max(1, succeeded));
            report.write();
        }
    }

    /** N clients, each publishing an event and waiting for its webhook before the next: deliveries/s and latency. */
    void concurrent(PaymentSucceededSource source, WebhookReceiver receiver) throws Exception {
        report.line("## Fixed concurrency: each client publishes an event and waits for its webhook");
        report.line("");
        report.line(
                "| clients | pgbench tps | deliveries/s | vs pgbench | p50 ms | p99 ms | not delivered in 30 s | load (1 min) |");
        report.line("|---|---|---|---|---|---|---|---|");
        for (int c : clients) {
            List<Double> pg = new ArrayList<>();
            List<Load.Result> delivered = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                pg.add(pgbench.tpcb(pgbenchDatabase, c, seconds));
                delivered.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> publishAndAwait(source, receiver)));
            }
            double pgTps = Load.median(pg);
            double rate = Results.medianRate(delivered);
            report.row(
                    "| %d | %.0f | %.1f | %.3f | %.1f | %.1f | %d | %.1f |",
                    c,
                    pgTps,
                    rate,
                    rate / pgTps,
                    Results.medianP50(delivered),
                    Results.medianP99(delivered),
                    Results.failures(delivered),
                    Report.oneMinuteLoad());
        }
        report.line("");
    }

    int publishAndAwait(PaymentSucceededSource source, WebhookReceiver receiver) throws Exception {
        String paymentId = source.newPaymentId();
        var arrival = receiver.expect(paymentId);
        source.publish(paymentId);
        try {
            arrival.get(DELIVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return 1;
        } catch (TimeoutException e) {
            receiver.forget(paymentId);
            throw e;
        }
    }

    /** Events published as fast as possible, then the time until the receiver has had them all: the drain rate. */
    void backlog(PaymentSucceededSource source, WebhookReceiver receiver, RunningTongbao tongbao) throws Exception {
        report.line("## Backlog: " + backlog + " events published at once (4 threads), time until all are delivered");
        report.line("");
        report.line(
                "| pgbench tps (4 clients) | published/s | deliveries/s while draining | vs pgbench | drained in s | load (1 min) |");
        report.line("|---|---|---|---|---|---|");
        for (int r = 0; r < repeats; r++) {
            double pgTps = pgbench.tpcb(pgbenchDatabase, 4, seconds);
            long before = receiver.deliveries();
            long started = System.nanoTime();
            Load.parallel(4, backlog, i -> source.publish(source.newPaymentId()));
            double publishSeconds = (System.nanoTime() - started) / 1e9;
            long deadline = started + TimeUnit.SECONDS.toNanos(drainLimitSeconds);
            while (receiver.deliveries() - before < backlog && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            double drainSeconds = (System.nanoTime() - started) / 1e9;
            long delivered = receiver.deliveries() - before;
            double rate = delivered / drainSeconds;
            report.row(
                    "| %.0f | %.0f | %.1f | %.3f | %s | %.1f |",
                    pgTps,
                    backlog / publishSeconds,
                    rate,
                    rate / pgTps,
                    delivered < backlog
                            ? String.format("not in %d s (%d of %d)", drainLimitSeconds, delivered, backlog)
                            : String.format("%.1f", drainSeconds),
                    Report.oneMinuteLoad());
            awaitNothingPending(tongbao);
        }
        report.line("");
    }

    /** Leaves no pending delivery behind for the next run to compete with (bounded: gives up after the drain limit). */
    void awaitNothingPending(RunningTongbao tongbao) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainLimitSeconds);
        while (tongbao.count("select count(*) from webhook_delivery where status = 'PENDING'") > 0
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Updates of webhook_delivery rows so far; the statistics collector lags a little, so it waits for it first. */
    static long deliveryRowUpdates(RunningTongbao tongbao) {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
        return tongbao.count("select n_tup_upd from pg_stat_user_tables where relname = 'webhook_delivery'");
    }

    /** As the application bound them, defaults included: what this run's figures were measured with. */
    static String dispatcherSettings(RunningTongbao tongbao) {
        WebhookProperties settings = tongbao.bean(WebhookProperties.class);
        return "poll-interval " + settings.pollInterval().toMillis() + " ms, max-concurrent-per-endpoint "
                + settings.maxConcurrentPerEndpoint() + ", claims up to 100 per poll";
    }
}
