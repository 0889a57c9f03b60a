package io.tongbao.bench;

import io.tongbao.ledger.AccountRequest;
import io.tongbao.ledger.AuditReport;
import io.tongbao.ledger.BatchMode;
import io.tongbao.ledger.BatchRequest;
import io.tongbao.ledger.Ledger;
import io.tongbao.ledger.LedgerAuditor;
import io.tongbao.ledger.OwnerKind;
import io.tongbao.ledger.PointTypeRequest;
import io.tongbao.ledger.PointTypeView;
import io.tongbao.ledger.ReasonRequest;
import io.tongbao.ledger.StatementPage;
import io.tongbao.ledger.StatementQuery;
import io.tongbao.ledger.SystemAccount;
import io.tongbao.ledger.TransferRequest;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.sdk.ledger.Batch;
import io.tongbao.sdk.ledger.NewTransfer;
import io.tongbao.shared.web.MerchantCaller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger's benchmarks, each beside pgbench -b tpcb-like on the same PostgreSQL in the same session. Starts the
 * whole application on a fresh database, onboards one merchant over the operator API, and measures through the
 * ledger's Java API and through signed HTTP with the SDK. Settings are system properties (see docs/benchmarks.md).
 * Prints a Markdown report and writes it to bench/target/ledger-report.md.
 */
public final class LedgerBenchmark {

    static final int REASON = 1;

    final PostgresServer postgres = PostgresServer.fromSystemProperties();
    final int seconds = BenchProperties.integer("bench.seconds", 10);
    final int repeats = BenchProperties.integer("bench.repeats", 3);
    final int accounts = BenchProperties.integer("bench.accounts", 10_000);
    final List<Integer> clients = BenchProperties.ints("bench.clients", "8,16,32");
    final List<Integer> batchClients = BenchProperties.ints("bench.batch-clients", "4,8");
    final int batchSize = BenchProperties.integer("bench.batch-size", 1_000);
    final List<Long> growth = BenchProperties.longs("bench.growth", "250000,500000,1000000");
    final List<String> only = BenchProperties.strings("bench.only", "uniform,hot,batch,growth");
    final String database = BenchProperties.string("bench.database", "tongbao_bench");
    final String pgbenchUniform = BenchProperties.string("bench.pgbench-prefix", "pgbench") + "_uniform";
    final String pgbenchHot = BenchProperties.string("bench.pgbench-prefix", "pgbench") + "_hot";

    final Report report = new Report("ledger");
    final AtomicLong ids = new AtomicLong();
    final Pgbench pgbench = new Pgbench(postgres);

    RunningTongbao tongbao;
    Ledger ledger;
    MerchantCaller caller;
    TongbaoClient sdk;
    String centralBank;
    String[] users;

    public static void main(String[] args) throws Exception {
        new LedgerBenchmark().run();
        System.exit(0);
    }

    void run() throws Exception {
        tongbao = RunningTongbao.start(postgres, database, Map.of());
        ledger = tongbao.bean(Ledger.class);
        OperatorApi.BenchApp app = OperatorApi.open(tongbao).onboardHmacApp("bench merchant", tongbao.baseUrl());
        caller = app.caller();
        sdk = app.sdk();
        setUpAccounts();

        report.header("Ledger benchmark report", postgres, repeats, seconds);
        line("- runs of the ledger and of pgbench interleaved");
        line("- " + accounts
                + " user accounts, uniform random payer and payee, amount 1; hot: central bank -> random user");
        line("");

        if (only.contains("probe")) {
            probe();
        }
        int maxClients = clients.stream().max(Integer::compare).orElse(8);
        if (only.contains("uniform") || only.contains("batch")) {
            pgbench.initialize(pgbenchUniform, maxClients);
        }
        if (only.contains("hot")) {
            pgbench.initialize(pgbenchHot, 1);
        }
        Map<Integer, Double> uniformJava = new LinkedHashMap<>();
        Map<Integer, Double> uniformPgbench = new LinkedHashMap<>();
        if (only.contains("uniform")) {
            line("## Single transfers, one per commit, uniform accounts (pgbench scale " + maxClients + ")");
            line("");
            line("| clients | pgbench tps | ledger Java API tps | ratio | p99 ms | ledger HTTP tps | ratio | p99 ms |");
            line("|---|---|---|---|---|---|---|---|");
            for (int c : clients) {
                List<Double> pg = new ArrayList<>();
                List<Load.Result> java = new ArrayList<>();
                List<Load.Result> http = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    pg.add(pgbench.tpcb(pgbenchUniform, c, seconds));
                    java.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> javaTransfer(randomUser(), null)));
                    http.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> httpTransfer(randomUser(), null)));
                }
                double pgTps = Load.median(pg);
                uniformPgbench.put(c, pgTps);
                uniformJava.put(c, Results.medianRate(java));
                row(c, pgTps, java, http);
            }
            line("");
        }
        if (only.contains("hot")) {
            line("## Hot account: every transfer issues points out of one central bank (pgbench scale 1)");
            line("");
            line(
                    "| clients | pgbench tps (scale 1) | ledger Java API tps | ratio | p99 ms | ledger HTTP tps | ratio | p99 ms | Java hot / Java uniform |");
            line("|---|---|---|---|---|---|---|---|---|");
            for (int c : clients) {
                List<Double> pg = new ArrayList<>();
                List<Load.Result> java = new ArrayList<>();
                List<Load.Result> http = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    pg.add(pgbench.tpcb(pgbenchHot, c, seconds));
                    java.add(Load.run(
                            c,
                            Duration.ofSeconds(seconds),
                            (w, n) -> javaTransfer(centralBank, randomUserOtherThan(null))));
                    http.add(Load.run(
                            c,
                            Duration.ofSeconds(seconds),
                            (w, n) -> httpTransfer(centralBank, randomUserOtherThan(null))));
                }
                double pgTps = Load.median(pg);
                double javaTps = Results.medianRate(java);
                Double uniform = uniformJava.get(c);
                report.row(
                        "| %d | %.0f | %.0f | %.2f | %.1f | %.0f | %.2f | %.1f | %s |",
                        c,
                        pgTps,
                        javaTps,
                        javaTps / pgTps,
                        Results.medianP99(java),
                        Results.medianRate(http),
                        Results.medianRate(http) / pgTps,
                        Results.medianP99(http),
                        uniform == null ? "n/a" : String.format("%.2f", javaTps / uniform));
            }
            line("");
        }
        if (only.contains("batch")) {
            line("## Batch API: " + batchSize + " independent transfers per call, counted in transfers/s");
            line("");
            line(
                    "| clients | pgbench tps (same clients, scale " + maxClients
                            + ") | ledger Java API transfers/s | ratio | p99 ms per batch | ledger HTTP transfers/s | ratio | p99 ms per batch |");
            line("|---|---|---|---|---|---|---|---|");
            for (int c : batchClients) {
                List<Double> pg = new ArrayList<>();
                List<Load.Result> java = new ArrayList<>();
                List<Load.Result> http = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    pg.add(pgbench.tpcb(pgbenchUniform, c, seconds));
                    java.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> javaBatch()));
                    http.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> httpBatch()));
                }
                row(c, Load.median(pg), java, http);
            }
            line("");
        }
        if (only.contains("growth")) {
            growth();
        }
        long began = System.nanoTime();
        AuditReport audit = tongbao.bean(LedgerAuditor.class).audit();
        line("## Auditor after the runs");
        line("");
        line(String.format(
                "ok = %s, %d transfers, %d postings, %d balance rows, %.1f s; violations: %s",
                audit.ok(),
                audit.transfers(),
                audit.postings(),
                audit.balanceRows(),
                (System.nanoTime() - began) / 1e9,
                audit.violations().isEmpty() ? "none" : audit.violations()));
        report.write();
        tongbao.close();
        if (!audit.ok()) {
            throw new IllegalStateException("the auditor failed after the benchmark: " + audit.violations());
        }
    }

    /** One client, one call at a time: what a single call costs through each path. */
    void probe() throws Exception {
        line("## One call at a time (1 client, latency p50 / p99 ms)");
        line("");
        line("| call | p50 | p99 |");
        line("|---|---|---|");
        Map<String, Load.Operation> calls = new LinkedHashMap<>();
        calls.put("Java API transfer", (w, n) -> javaTransfer(randomUser(), null));
        calls.put("HTTP GET account", (w, n) -> {
            sdk.ledger().account(randomUser());
            return 1;
        });
        calls.put("HTTP GET app (no ledger code)", (w, n) -> {
            sdk.currentApp();
            return 1;
        });
        calls.put("HTTP POST transfer", (w, n) -> httpTransfer(randomUser(), null));
        for (Map.Entry<String, Load.Operation> call : calls.entrySet()) {
            Load.Result result = Load.run(1, Duration.ofSeconds(Math.max(2, seconds / 2)), call.getValue());
            report.row("| %s | %.2f | %.2f |", call.getKey(), result.p50Millis(), result.p99Millis());
        }
        line("");
    }

    /** Grows the journal with batches and, at each size, measures single-transfer tps and statement latency. */
    void growth() throws Exception {
        line(
                "## Growth: as the journal grows (Java API; 16 clients for tps; statement = first page of 50 and a page deep by cursor)");
        line("");
        line(
                "| transfers in journal | single transfers tps | statement p50 ms | statement p99 ms | deep page p99 ms |");
        line("|---|---|---|---|---|");
        for (long target : growth) {
            long now;
            while ((now = tongbao.count("select count(*) from ledger_transfer")) < target) {
                Load.parallel(8, (int) Math.max(1, (target - now) / batchSize), i -> javaBatch());
            }
            Load.Result tps = Load.run(16, Duration.ofSeconds(seconds), (w, n) -> javaTransfer(randomUser(), null));
            long[] first = new long[2_000];
            long[] deep = new long[2_000];
            for (int i = 0; i < first.length; i++) {
                String account = randomUser();
                long began = System.nanoTime();
                StatementPage page = ledger.statement(caller, account, new StatementQuery(50, null, null, null, null));
                first[i] = System.nanoTime() - began;
                began = System.nanoTime();
                String cursor = page.nextCursor() == null
                        ? null
                        : "0:" + Math.max(1, page.lines().get(0).seq() / 2);
                ledger.statement(caller, account, new StatementQuery(50, cursor, null, null, null));
                deep[i] = System.nanoTime() - began;
            }
            Arrays.sort(first);
            Arrays.sort(deep);
            report.row(
                    "| %,d | %.0f | %.2f | %.2f | %.2f |",
                    tongbao.count("select count(*) from ledger_transfer"),
                    tps.perSecond(),
                    Load.percentile(first, 0.5),
                    Load.percentile(first, 0.99),
                    Load.percentile(deep, 0.99));
        }
        line("");
    }

    // ---- operations

    int javaTransfer(String from, String to) {
        String payee = to == null ? randomUserOtherThan(from) : to;
        ledger.transfer(caller, new TransferRequest(nextId(), "pts", from, payee, 1L, REASON, null, null));
        return 1;
    }

    int httpTransfer(String from, String to) {
        String payee = to == null ? randomUserOtherThan(from) : to;
        sdk.ledger().transfer(NewTransfer.of(nextId(), "pts", from, payee, 1, REASON));
        return 1;
    }

    int javaBatch() {
        List<TransferRequest> items = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            String from = randomUser();
            items.add(new TransferRequest(nextId(), "pts", from, randomUserOtherThan(from), 1L, REASON, null, null));
        }
        return ledger.batch(caller, new BatchRequest(BatchMode.INDEPENDENT, items))
                .applied();
    }

    int httpBatch() {
        List<NewTransfer> items = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            String from = randomUser();
            items.add(NewTransfer.of(nextId(), "pts", from, randomUserOtherThan(from), 1, REASON));
        }
        return sdk.ledger().batch(Batch.independent(items)).applied();
    }

    String nextId() {
        return "b" + Long.toString(ids.incrementAndGet(), 36);
    }

    String randomUser() {
        return users[ThreadLocalRandom.current().nextInt(users.length)];
    }

    String randomUserOtherThan(String account) {
        String user;
        do {
            user = randomUser();
        } while (user.equals(account));
        return user;
    }

    // ---- set-up

    void setUpAccounts() throws Exception {
        PointTypeView type = ledger.createPointType(caller, new PointTypeRequest("pts", "bench points", 0));
        ledger.registerReason(caller, new ReasonRequest(REASON, "benchmark", null, null));
        centralBank = type.systemAccounts().get(SystemAccount.CENTRAL_BANK);
        users = new String[accounts];
        Load.parallel(
                8,
                accounts,
                i -> users[i] = ledger.openAccount(caller, new AccountRequest("pts", OwnerKind.USER, "u" + i))
                        .accountId());
        for (int from = 0; from < accounts; from += batchSize) {
            List<TransferRequest> funding = new ArrayList<>();
            for (int i = from; i < Math.min(accounts, from + batchSize); i++) {
                funding.add(new TransferRequest(
                        "fund-" + i, "pts", centralBank, users[i], 1_000_000_000_000L, REASON, null, null));
            }
            ledger.batch(caller, new BatchRequest(BatchMode.INDEPENDENT, funding));
        }
    }

    // ---- reporting

    void row(int c, double pgTps, List<Load.Result> java, List<Load.Result> http) {
        double javaTps = Results.medianRate(java);
        double httpTps = Results.medianRate(http);
        report.row(
                "| %d | %.0f | %.0f | %.2f | %.1f | %.0f | %.2f | %.1f |",
                c,
                pgTps,
                javaTps,
                javaTps / pgTps,
                Results.medianP99(java),
                httpTps,
                httpTps / pgTps,
                Results.medianP99(http));
    }

    void line(String text) {
        report.line(text);
    }
}
