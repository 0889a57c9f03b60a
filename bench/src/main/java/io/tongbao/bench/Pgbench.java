package io.tongbao.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the pgbench on PATH against the same PostgreSQL, and reads its tps. */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final String host;
    private final int port;
    private final String user;
    private final PostgresServer postgres;

    Pgbench(PostgresServer postgres) {
        this.postgres = postgres;
        this.host = postgres.host();
        this.port = postgres.port();
        this.user = postgres.user();
    }

    /** A fresh database with pgbench's tables at the given scale (one branch row per unit of scale). */
    void initialize(String database, int scale) throws IOException, InterruptedException, SQLException {
        postgres.recreate(database);
        run(List.of(
                "pgbench",
                "-h",
                host,
                "-p",
                Integer.toString(port),
                "-U",
                user,
                "-i",
                "-q",
                "-s",
                Integer.toString(scale),
                database));
    }

    /** The exact command line, for docs/benchmarks.md. */
    List<String> tpcbCommand(String database, int clients, int seconds) {
        return List.of(
                "pgbench",
                "-h",
                host,
                "-p",
                Integer.toString(port),
                "-U",
                user,
                "-b",
                "tpcb-like",
                "-c",
                Integer.toString(clients),
                "-j",
                "2",
                "-T",
                Integer.toString(seconds),
                database);
    }

    double tpcb(String database, int clients, int seconds) throws IOException, InterruptedException {
        String output = run(tpcbCommand(database, clients, seconds));
        Matcher matcher = TPS.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no tps in pgbench output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
