package io.tongbao.bench;

import io.tongbao.TongbaoApplication;
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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's benchmarks, each beside pgbench -b tpcb-like on the same PostgreSQL in the same session. Starts the
 * whole application on a fresh database, onboards one merchant over the operator API, and measures through the
 * ledger's Java API and through signed HTTP with the SDK. Settings are system properties (see docs/benchmarks.md).
 * Prints a Markdown report and writes it to bench/target/benchmark-report.md.
 */
public final class LedgerBenchmark {

    static final int REASON = 1;

    final String host = System.getProperty("bench.host", "127.0.0.1");
    final int port = Integer.getInteger("bench.port", 5432);
    final String user = System.getProperty("bench.user", "postgres");
    final int seconds = Integer.getInteger("bench.seconds", 10);
    final int repeats = Integer.getInteger("bench.repeats", 3);
    final int accounts = Integer.getInteger("bench.accounts", 10_000);
    final List<Integer> clients = ints(System.getProperty("bench.clients", "8,16,32"));
    final List<Integer> batchClients = ints(System.getProperty("bench.batch-clients", "4,8"));
    final int batchSize = Integer.getInteger("bench.batch-size", 1_000);
    final List<Long> growth = longs(System.getProperty("bench.growth", "250000,500000,1000000"));
    final List<String> only = List.of(System.getProperty("bench.only", "uniform,hot,batch,growth").split(","));

    final StringBuilder report = new StringBuilder();
    final AtomicLong ids = new AtomicLong();
    final Pgbench pgbench = new Pgbench(host, port, user);

    ConfigurableApplicationContext context;
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
        String database = "tongbao_bench";
        admin("drop database if exists " + database + " with (force)");
        admin("create database " + database);
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        Path dataDir = Files.createTempDirectory("tongbao-bench");
        SpringApplication application = new SpringApplication(TongbaoApplication.class);
        application.setDefaultProperties(Map.of(
                "tongbao.db.url", url, "tongbao.db.user", user, "tongbao.db.password", "",
                "tongbao.db.max-pool-size", "48", "tongbao.data-dir", dataDir.toString(),
                "server.port", "0", "tongbao.api.requests-per-second", "100000000", "tongbao.api.burst", "100000000",
                "logging.level.root", "WARN"));
        context = application.run();
        ledger = context.getBean(Ledger.class);
        int httpPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        onboard(httpPort);
        setUpAccounts();

        line("# Ledger benchmark report");
        line("");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB max heap; " + Files.readString(Path.of("/proc/loadavg")).trim() + " load at start");
        line("- PostgreSQL: " + scalarText("select version()"));
        line("- settings: " + settings());
        line("- each figure: median of " + repeats + " runs of " + seconds + " s; runs of the ledger and of pgbench interleaved");
        line("- " + accounts + " user accounts, uniform random payer and payee, amount 1; hot: central bank -> random user");
        line("");

        if (only.contains("probe")) {
            probe();
        }
        int maxClients = clients.stream().max(Integer::compare).orElse(8);
        if (only.contains("uniform") || only.contains("batch")) {
            admin("drop database if exists pgbench_uniform with (force)");
            admin("create database pgbench_uniform");
            pgbench.initialize("pgbench_uniform", maxClients);
        }
        if (only.contains("hot")) {
            admin("drop database if exists pgbench_hot with (force)");
            admin("create database pgbench_hot");
            pgbench.initialize("pgbench_hot", 1);
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
                    pg.add(pgbench.tpcb("pgbench_uniform", c, seconds));
                    java.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> javaTransfer(randomUser(), null)));
                    http.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> httpTransfer(randomUser(), null)));
                }
                double pgTps = Load.median(pg);
                uniformPgbench.put(c, pgTps);
                uniformJava.put(c, medianRate(java));
                row(c, pgTps, java, http);
            }
            line("");
        }
        if (only.contains("hot")) {
            line("## Hot account: every transfer issues points out of one central bank (pgbench scale 1)");
            line("");
            line("| clients | pgbench tps (scale 1) | ledger Java API tps | ratio | p99 ms | ledger HTTP tps | ratio | p99 ms | Java hot / Java uniform |");
            line("|---|---|---|---|---|---|---|---|---|");
            for (int c : clients) {
                List<Double> pg = new ArrayList<>();
                List<Load.Result> java = new ArrayList<>();
                List<Load.Result> http = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    pg.add(pgbench.tpcb("pgbench_hot", c, seconds));
                    java.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> javaTransfer(centralBank, randomUserOtherThan(null))));
                    http.add(Load.run(c, Duration.ofSeconds(seconds), (w, n) -> httpTransfer(centralBank, randomUserOtherThan(null))));
                }
                double pgTps = Load.median(pg);
                double javaTps = medianRate(java);
                Double uniform = uniformJava.get(c);
                report.append(String.format("| %d | %.0f | %.0f | %.2f | %.1f | %.0f | %.2f | %.1f | %s |%n", c, pgTps,
                        javaTps, javaTps / pgTps, medianP99(java), medianRate(http), medianRate(http) / pgTps,
                        medianP99(http), uniform == null ? "n/a" : String.format("%.2f", javaTps / uniform)));
                flush();
            }
            line("");
        }
        if (only.contains("batch")) {
            line("## Batch API: " + batchSize + " independent transfers per call, counted in transfers/s");
            line("");
            line("| clients | pgbench tps (same clients, scale " + maxClients + ") | ledger Java API transfers/s | ratio | p99 ms per batch | ledger HTTP transfers/s | ratio | p99 ms per batch |");
            line("|---|---|---|---|---|---|---|---|");
            for (int c : batchClients) {
                List<Double> pg = new ArrayList<>();
                List<Load.Result> java = new ArrayList<>();
                List<Load.Result> http = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    pg.add(pgbench.tpcb("pgbench_uniform", c, seconds));
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
        AuditReport audit = context.getBean(LedgerAuditor.class).audit();
        line("## Auditor after the runs");
        line("");
        line(String.format("ok = %s, %d transfers, %d postings, %d balance rows, %.1f s; violations: %s", audit.ok(),
                audit.transfers(), audit.postings(), audit.balanceRows(), (System.nanoTime() - began) / 1e9,
                audit.violations().isEmpty() ? "none" : audit.violations()));
        Path out = Path.of("bench", "target", "benchmark-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println("[bench] report written to " + out.toAbsolutePath());
        context.close();
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
            report.append(String.format("| %s | %.2f | %.2f |%n", call.getKey(), result.p50Millis(), result.p99Millis()));
            flush();
        }
        line("");
    }

    /** Grows the journal with batches and, at each size, measures single-transfer tps and statement latency. */
    void growth() throws Exception {
        line("## Growth: as the journal grows (Java API; 16 clients for tps; statement = first page of 50 and a page deep by cursor)");
        line("");
        line("| transfers in journal | single transfers tps | statement p50 ms | statement p99 ms | deep page p99 ms |");
        line("|---|---|---|---|---|");
        for (long target : growth) {
            long now;
            while ((now = scalar("select count(*) from ledger_transfer")) < target) {
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
                String cursor = page.nextCursor() == null ? null : "0:" + Math.max(1, page.lines().get(0).seq() / 2);
                ledger.statement(caller, account, new StatementQuery(50, cursor, null, null, null));
                deep[i] = System.nanoTime() - began;
            }
            Arrays.sort(first);
            Arrays.sort(deep);
            report.append(String.format("| %,d | %.0f | %.2f | %.2f | %.2f |%n", scalar("select count(*) from ledger_transfer"),
                    tps.perSecond(), Load.percentile(first, 0.5), Load.percentile(first, 0.99),
                    Load.percentile(deep, 0.99)));
            flush();
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
        return ledger.batch(caller, new BatchRequest(BatchMode.INDEPENDENT, items)).applied();
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

    /** A real merchant and HMAC app, onboarded through the operator API, so that HTTP calls are signed as in production. */
    void onboard(int httpPort) throws Exception {
        String operator = "bench-operator";
        String password = "bench-operator-password-" + ThreadLocalRandom.current().nextLong();
        context.getBean(JdbcClient.class).sql("""
                        insert into operator_account (username, password_hash, created_at, password_changed_at)
                        values (:user, :hash, :now, :now)""")
                .param("user", operator).param("hash", context.getBean(PasswordEncoder.class).encode(password))
                .param("now", OffsetDateTime.now()).update();
        String base = "http://127.0.0.1:" + httpPort;
        JsonNode merchant = operatorPost(base + "/api/operator/merchants", Map.of("name", "bench merchant"), operator, password);
        String merchantId = merchant.get("id").asString();
        JsonNode app = operatorPost(base + "/api/operator/merchants/" + merchantId + "/apps",
                Map.of("name", "bench", "sign_type", "HMAC_SHA256"), operator, password);
        String appId = app.get("app").get("id").asString();
        sdk = TongbaoClient.builder().baseUrl(base).appId(appId).hmacSecret(app.get("hmac_secret").asString())
                .maxRetries(0).build();
        caller = new MerchantCaller(merchantId, appId);
    }

    private static JsonNode operatorPost(String url, Object body, String user, String password)
            throws IOException, InterruptedException {
        JsonMapper json = JsonMapper.builder().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    void setUpAccounts() throws Exception {
        PointTypeView type = ledger.createPointType(caller, new PointTypeRequest("pts", "bench points", 0));
        ledger.registerReason(caller, new ReasonRequest(REASON, "benchmark", null, null));
        centralBank = type.systemAccounts().get(SystemAccount.CENTRAL_BANK);
        users = new String[accounts];
        Load.parallel(8, accounts, i -> users[i] = ledger.openAccount(caller,
                new AccountRequest("pts", OwnerKind.USER, "u" + i)).accountId());
        for (int from = 0; from < accounts; from += batchSize) {
            List<TransferRequest> funding = new ArrayList<>();
            for (int i = from; i < Math.min(accounts, from + batchSize); i++) {
                funding.add(new TransferRequest("fund-" + i, "pts", centralBank, users[i], 1_000_000_000_000L, REASON,
                        null, null));
            }
            ledger.batch(caller, new BatchRequest(BatchMode.INDEPENDENT, funding));
        }
    }

    // ---- reporting

    void row(int c, double pgTps, List<Load.Result> java, List<Load.Result> http) {
        double javaTps = medianRate(java);
        double httpTps = medianRate(http);
        report.append(String.format("| %d | %.0f | %.0f | %.2f | %.1f | %.0f | %.2f | %.1f |%n", c, pgTps, javaTps,
                javaTps / pgTps, medianP99(java), httpTps, httpTps / pgTps, medianP99(http)));
        flush();
    }

    static double medianRate(List<Load.Result> results) {
        return Load.median(results.stream().map(Load.Result::perSecond).toList());
    }

    static double medianP99(List<Load.Result> results) {
        return Load.median(results.stream().map(Load.Result::p99Millis).toList());
    }

    void line(String text) {
        report.append(text).append('\n');
        flush();
    }

    private int printed;

    void flush() {
        System.out.print(report.substring(printed));
        System.out.flush();
        printed = report.length();
    }

    String settings() {
        List<String> values = new ArrayList<>();
        for (String name : List.of("shared_buffers", "synchronous_commit", "fsync", "wal_sync_method", "max_connections",
                "max_wal_size", "checkpoint_timeout")) {
            values.add(name + "=" + scalarText("select current_setting('" + name + "')"));
        }
        return String.join(", ", values);
    }

    long scalar(String sql) {
        return context.getBean(JdbcClient.class).sql(sql).query(Long.class).single();
    }

    String scalarText(String sql) {
        return context.getBean(JdbcClient.class).sql(sql).query(String.class).single();
    }

    void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, "")) {
            connection.createStatement().execute(sql);
        }
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static List<Long> longs(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Long::valueOf).toList();
    }
}
