package io.tongbao.bench;

import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.PaymentApi.Payment;
import io.tongbao.sdk.PaymentApi.PaymentRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Payments (issue 4), through the SDK over HTTP to the whole application with the channel sandbox mounted in the
 * same process, on the PostgreSQL service: the unified order at fixed concurrency (its maximum throughput, and its
 * latency at half of that), and the full round trip order, buyer pays in the sandbox, channel notification, PAID,
 * beside pgbench -b tpcb-like on the same PostgreSQL, interleaved. Settings are system properties
 * (docs/benchmarks.md).
 */
public final class PaymentBenchmark {

    static final String ROUND_TRIP_WAY = "ALIPAY_QR";
    static final double ROUND_TRIP_TARGET = 0.25;

    final PostgresServer postgres = PostgresServer.fromSystemProperties();
    final int seconds = BenchProperties.integer("bench.seconds", 10);
    final int repeats = BenchProperties.integer("bench.repeats", 3);
    final List<String> payWays = BenchProperties.strings("bench.pay-ways", "ALIPAY_PC,ALIPAY_QR");
    final List<Integer> orderClients = BenchProperties.ints("bench.order-clients", "1,4,16,64");
    final List<Integer> roundTripClients = BenchProperties.ints("bench.round-trip-clients", "8,16,32");
    final String paidSignal = BenchProperties.string("bench.paid-signal", "poll");
    final int pollMillis = BenchProperties.integer("bench.poll-millis", 50);
    final int maxInFlight = BenchProperties.integer("bench.max-in-flight", 256);
    final int warmupSeconds = BenchProperties.integer("bench.warmup-seconds", 15);
    final List<String> only = BenchProperties.strings("bench.only", "probe,order,round-trip");
    final String database = BenchProperties.string("bench.database", "tongbao_bench_payments");
    final String pgbenchDatabase = BenchProperties.string("bench.pgbench-database", "pgbench_payments");

    final Report report = new Report("payments");
    final Pgbench pgbench = new Pgbench(postgres);
    final String orderClientsJvm = BenchProperties.string("bench.order-clients-jvm", "application");
    final String orderClientsHeap = BenchProperties.string("bench.order-clients-heap", "512m");

    PaymentApi payments;
    UnifiedOrderFigures figures;
    SandboxAlipay alipay;
    double lastPgbench;

    public static void main(String[] args) throws Exception {
        new PaymentBenchmark().run();
        System.exit(0);
    }

    void run() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
                RunningTongbao tongbao = RunningTongbao.start(
                        postgres,
                        database,
                        Map.of(
                                "tongbao.sandbox.enabled", "true",
                                // channel notifications, cashier links and QR codes on loopback, never a host name
                                "tongbao.channels.public-base-url",
                                        "http://" + RunningTongbao.LOOPBACK + ":${server.port}",
                                "tongbao.sandbox.public-url", "http://" + RunningTongbao.LOOPBACK + ":${server.port}",
                                "tongbao.webhooks.allow-private-targets", "true",
                                // the janitor queries unpaid attempts from a minute on: left on, the order runs'
                                // thousands of
                                // unpaid orders would be queried at the channel during the later runs
                                "tongbao.payments.janitor.enabled", "false"))) {
            OperatorApi operator = OperatorApi.open(tongbao);
            OperatorApi.BenchApp app = operator.onboardHmacApp("payment bench", tongbao.baseUrl());
            payments = app.sdk().payments();
            figures = new UnifiedOrderFigures(payments, seconds, repeats, maxInFlight);
            alipay = new SandboxAlipay(tongbao.baseUrl());
            alipay.connect(operator, app.appId());
            PaidSignal signal = switch (paidSignal) {
                case "webhook" -> new PaidSignal.Webhook(receiver);
                case "committed" -> new PaidSignal.Committed(tongbao);
                case "poll" -> new PaidSignal.Polling(payments, Duration.ofMillis(pollMillis));
                default -> throw new IllegalArgumentException("bench.paid-signal: poll, webhook or committed");
            };

            report.header("Payment benchmark report", postgres, repeats, seconds);
            report.line("- the SDK over HTTP (signed, fresh idempotency key per call) to the application on 127.0.0.1, "
                    + "the Alipay sandbox in the same process, PostgreSQL service; janitor off");
            report.line("- warm-up before the figures: " + warmupSeconds
                    + " s of each pay way's orders and of round trips, "
                    + "4 clients (a cold JIT on two loaded cores made the first round trips ten times slower)");
            report.line("");
            warmUp(signal);
            if (only.contains("probe")) {
                probe(tongbao, app, signal);
            }
            if (only.contains("order")) {
                unifiedOrders(app, tongbao.baseUrl());
            }
            if (only.contains("round-trip")) {
                roundTrips(signal, tongbao);
            }
            report.write();
        }
    }

    /** Not measured: lets the JIT compile the hot paths before any figure is taken. */
    void warmUp(PaidSignal signal) throws Exception {
        Duration each = Duration.ofSeconds(warmupSeconds);
        for (String way : payWays) {
            Load.run(4, each, (w, n) -> order(way));
        }
        Load.run(4, each, (w, n) -> roundTrip(signal));
    }

    /**
     * One call at a time: what each costs the client and the server (api_call.latency_ms: the server's time inside
     * the merchant API filter), and what it asks of PostgreSQL (commits and rows written per call, less what the
     * background jobs did meanwhile); then the round trip cut into its phases.
     */
    void probe(RunningTongbao tongbao, OperatorApi.BenchApp app, PaidSignal signal) throws Exception {
        report.line("## One call at a time (1 client, " + seconds + " s each)");
        report.line("");
        DatabaseCounters idleFrom = DatabaseCounters.read(tongbao);
        long idleStarted = System.nanoTime();
        LockSupport.parkNanos(Duration.ofSeconds(seconds).toNanos());
        DatabaseCounters idle = DatabaseCounters.read(tongbao).since(idleFrom);
        double idleSeconds = (System.nanoTime() - idleStarted) / 1e9;
        report.row(
                "Background (no calls, %.0f s): %.1f commits/s, %.1f rows written/s (the schedulers' polls).",
                idleSeconds, idle.commits() / idleSeconds, idle.rowsWritten() / idleSeconds);
        report.line("");
        report.line(
                "| call | client p50 ms | client p99 ms | server p50 ms | server p99 ms | calls | commits per call | rows written per call |");
        report.line("|---|---|---|---|---|---|---|---|");
        String paymentId = payments.create(request("ALIPAY_PC", null)).id();
        Map<String, Load.Operation> calls = new LinkedHashMap<>();
        calls.put("GET /api/v1/app (the API contract alone)", (w, n) -> {
            app.sdk().currentApp();
            return 1;
        });
        calls.put("GET /api/v1/payments/{id}", (w, n) -> {
            payments.get(paymentId);
            return 1;
        });
        for (String way : payWays) {
            calls.put("POST /api/v1/payments " + way, (w, n) -> order(way));
        }
        for (Map.Entry<String, Load.Operation> call : calls.entrySet()) {
            DatabaseCounters from = DatabaseCounters.read(tongbao);
            long started = System.nanoTime();
            Load.Result result = Load.run(1, Duration.ofSeconds(seconds), call.getValue());
            double elapsed = (System.nanoTime() - started) / 1e9;
            DatabaseCounters used = DatabaseCounters.read(tongbao).since(from);
            double perCall = 1.0 / result.operations();
            report.row(
                    "| %s | %.1f | %.1f | %.0f | %.0f | %d | %.1f | %.1f |",
                    call.getKey(),
                    result.p50Millis(),
                    result.p99Millis(),
                    DatabaseCounters.serverMillis(tongbao, from, "/api/v1/", 0.5),
                    DatabaseCounters.serverMillis(tongbao, from, "/api/v1/", 0.99),
                    result.operations(),
                    (used.commits() - idle.commits() / idleSeconds * elapsed) * perCall,
                    (used.rowsWritten() - idle.rowsWritten() / idleSeconds * elapsed) * perCall);
        }
        report.line("");
        roundTripPhases(tongbao, signal, idle.commits() / idleSeconds, idle.rowsWritten() / idleSeconds);
    }

    /** Round trips one at a time, each cut into its three phases, for {@code seconds}. */
    void roundTripPhases(
            RunningTongbao tongbao,
            PaidSignal signal,
            double backgroundCommitsPerSecond,
            double backgroundRowsPerSecond)
            throws Exception {
        List<long[]> phases = new ArrayList<>();
        DatabaseCounters from = DatabaseCounters.read(tongbao);
        long started = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            long began = System.nanoTime();
            Payment payment = payments.create(request(ROUND_TRIP_WAY, signal.notifyUrl()));
            long ordered = System.nanoTime();
            PaidSignal.Waiter paid = signal.watch(payment.id());
            alipay.scanAndPay((String) payment.action().data().get("content"));
            long buyerPaid = System.nanoTime();
            paid.untilPaid();
            phases.add(new long[] {ordered - began, buyerPaid - ordered, System.nanoTime() - buyerPaid});
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        DatabaseCounters used = DatabaseCounters.read(tongbao).since(from);
        report.row(
                "Round trip one at a time (%d round trips; the merchant learns of it by %s): %.1f commits and %.1f "
                        + "rows written per round trip (polls included), ms:",
                phases.size(),
                signal,
                (used.commits() - backgroundCommitsPerSecond * elapsed) / phases.size(),
                (used.rowsWritten() - backgroundRowsPerSecond * elapsed) / phases.size());
        report.line("");
        report.line("| phase | p50 | p99 |");
        report.line("|---|---|---|");
        String[] names = {
            "unified order " + ROUND_TRIP_WAY + " (one sandbox call)",
            "buyer scans and pays (sandbox buyer API)",
            "until the merchant sees PAID (notification, settlement, and polling or the webhook)"
        };
        for (int phase = 0; phase < names.length; phase++) {
            int index = phase;
            long[] sorted =
                    phases.stream().mapToLong(times -> times[index]).sorted().toArray();
            report.row(
                    "| %s | %.1f | %.1f |", names[phase], Load.percentile(sorted, 0.5), Load.percentile(sorted, 0.99));
        }
        report.line("");
    }

    /** Closed loop at each concurrency to find the maximum; then an open loop at half of it for the latency. */
    void unifiedOrders(OperatorApi.BenchApp app, String baseUrl) throws Exception {
        UnifiedOrderFigures.Rows rows =
                "application".equals(orderClientsJvm) ? figures.measure(payWays, orderClients) : inOwnJvm(app, baseUrl);
        report.line("## Unified order, fixed concurrency (closed loop)");
        report.line("");
        report.line("- the clients ran "
                + ("application".equals(orderClientsJvm)
                        ? "in the application's JVM (`-Dbench.order-clients-jvm=application`)"
                        : "in a JVM of their own (`-Xmx" + orderClientsHeap
                                + "`), as a merchant's servers would, after " + warmupSeconds
                                + " s of each pay way's orders there"));
        report.line("");
        report.line("| pay way | clients | orders/s | p50 ms | p99 ms | failures | load (1 min) |");
        report.line("|---|---|---|---|---|---|---|");
        rows.closedLoop().forEach(report::line);
        report.line("");
        report.line(
                "## Unified order at half of its maximum throughput (open loop, latency from the moment each call was due)");
        report.line("");
        report.line("| pay way | max orders/s (clients) | offered orders/s | achieved | p50 ms | p99 ms | p99 < "
                + (int) UnifiedOrderFigures.P99_TARGET_MILLIS + " ms | failures | load (1 min) |");
        report.line("|---|---|---|---|---|---|---|---|---|");
        rows.atHalf().forEach(report::line);
        report.line("");
    }

    /** Runs {@link OrderClientsProcess} and collects its rows; the app's secret goes through the environment. */
    UnifiedOrderFigures.Rows inOwnJvm(OperatorApi.BenchApp app, String baseUrl) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + orderClientsHeap,
                "-cp",
                System.getProperty("java.class.path")));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bench.base-url", baseUrl);
        settings.put("bench.app-id", app.appId());
        settings.put("bench.seconds", String.valueOf(seconds));
        settings.put("bench.repeats", String.valueOf(repeats));
        settings.put("bench.max-in-flight", String.valueOf(maxInFlight));
        settings.put("bench.warmup-seconds", String.valueOf(warmupSeconds));
        settings.put("bench.pay-ways", String.join(",", payWays));
        settings.put(
                "bench.order-clients",
                String.join(",", orderClients.stream().map(String::valueOf).toList()));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add(OrderClientsProcess.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put(OrderClientsProcess.SECRET_VARIABLE, app.hmacSecret());
        Process clients = builder.start();
        List<String> closedLoop = new ArrayList<>();
        List<String> atHalf = new ArrayList<>();
        try (var lines = clients.inputReader().lines()) {
            lines.forEach(line -> {
                if (line.startsWith(OrderClientsProcess.CLOSED)) {
                    closedLoop.add(line.substring(OrderClientsProcess.CLOSED.length()));
                } else if (line.startsWith(OrderClientsProcess.HALF)) {
                    atHalf.add(line.substring(OrderClientsProcess.HALF.length()));
                } else {
                    System.out.println("[order clients] " + line);
                }
            });
        }
        int exit = clients.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the order clients' JVM exited with " + exit);
        }
        return new UnifiedOrderFigures.Rows(closedLoop, atHalf);
    }

    void roundTrips(PaidSignal signal, RunningTongbao tongbao) throws Exception {
        int maxClients = roundTripClients.stream().max(Integer::compare).orElse(8);
        pgbench.initialize(pgbenchDatabase, maxClients);
        // the machine's own limit, measured while the application idles, before the pgbench and round-trip runs
        double signatures = SignatureCeiling.signaturesPerSecond(Duration.ofSeconds(seconds));
        double ceiling = signatures / SignatureCeiling.SIGNATURES_PER_ROUND_TRIP;
        report.line("## Full round trip: " + ROUND_TRIP_WAY + " order, buyer scans and pays in the sandbox, channel "
                + "notification, PAID");
        report.line("");
        report.line("- the merchant learns of it by " + signal);
        report.line("- pgbench: `"
                + String.join(" ", pgbench.tpcbCommand(pgbenchDatabase, 0, seconds))
                        .replace("-c 0", "-c <clients>") + "` (scale " + maxClients
                + "), interleaved with the round trips");
        report.line("");
        report.line("| clients | pgbench tps | round trips/s | vs pgbench | ≥ " + ROUND_TRIP_TARGET
                + " | p50 ms | p99 ms | failures | load (1 min) |");
        report.line("|---|---|---|---|---|---|---|---|---|");
        for (int c : roundTripClients) {
            List<Double> pg = new ArrayList<>();
            List<Load.Result> runs = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                pg.add(pgbench.tpcb(pgbenchDatabase, c, seconds));
                runs.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> roundTrip(signal)));
            }
            double pgTps = Load.median(pg);
            lastPgbench = pgTps;
            double rate = Results.medianRate(runs);
            report.row(
                    "| %d | %.0f | %.1f | %.3f | %s | %.1f | %.1f | %d | %.1f |",
                    c,
                    pgTps,
                    rate,
                    rate / pgTps,
                    rate / pgTps >= ROUND_TRIP_TARGET ? "**met**" : "**not met**",
                    Results.medianP50(runs),
                    Results.medianP99(runs),
                    Results.failures(runs),
                    Report.oneMinuteLoad());
        }
        report.line("");
        report.row(
                "Signature ceiling: this machine makes %.0f SHA256withRSA-2048 signatures/s with both cores doing "
                        + "nothing else; a round trip needs %d (Tongbao's precreate request, the channel's answer and its "
                        + "notification), so at most %.0f round trips/s even if everything else were free. Beside the median "
                        + "pgbench above (%.0f tps), that ceiling is %.3f of pgbench.",
                signatures, SignatureCeiling.SIGNATURES_PER_ROUND_TRIP, ceiling, lastPgbench, ceiling / lastPgbench);
        report.line("");
        report.row(
                "Payments PAID: %d of %d created.",
                tongbao.count("select count(*) from payment_order where status = 'PAID'"),
                tongbao.count("select count(*) from payment_order"));
        report.line("");
    }

    int order(String way) {
        return figures.order(way);
    }

    int roundTrip(PaidSignal signal) throws Exception {
        Payment payment = payments.create(request(ROUND_TRIP_WAY, signal.notifyUrl()));
        PaidSignal.Waiter paid = signal.watch(payment.id());
        alipay.scanAndPay((String) payment.action().data().get("content"));
        paid.untilPaid();
        return 1;
    }

    PaymentRequest request(String way, String notifyUrl) {
        return figures.request(way, notifyUrl);
    }
}
