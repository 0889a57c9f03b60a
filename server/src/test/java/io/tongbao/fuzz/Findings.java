package io.tongbao.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the oracles found, and the counts of a run. A broken oracle fails the case (Jazzer keeps the input as a
 * finding) unless {@code -Dtongbao.fuzz.keep-going=true}: then every distinct cause is written once to the
 * findings file and the run goes on, which is how a whole run's failures are collected at once.
 */
final class Findings {

    private final String target;
    private final Path file;
    private final boolean keepGoing;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Long> statuses = new TreeMap<>();
    private final long started = System.nanoTime();
    private long cases;
    private long violations;
    private long serverErrors;
    private long forgeriesAccepted;

    Findings(String target) {
        this.target = target;
        this.file = Path.of(System.getProperty("tongbao.fuzz.findings", "target/fuzz/findings-" + target + ".md"));
        this.keepGoing = Boolean.getBoolean("tongbao.fuzz.keep-going");
    }

    /** One violation of an oracle: {@code what} names the oracle, {@code cause} groups it (null: the answer alone). */
    record Violation(String what, String cause) {}

    synchronized void count(RawHttp.Response response) {
        cases++;
        statuses.merge(response.status() == 0 ? "none" : Integer.toString(response.status()), 1L, Long::sum);
        if (response.status() >= 500 || response.status() == 0) {
            serverErrors++;
        }
    }

    synchronized void forgeryAccepted() {
        forgeriesAccepted++;
    }

    synchronized void report(Violation violation, FuzzRequest request, RawHttp.Response response, ServerLog log) {
        violations++;
        String key = violation.what() + " | "
                + (violation.cause() != null
                        ? violation.cause()
                        : log.cause() != null
                                ? log.cause()
                                : response.status() + " " + shape(request.path()) + " "
                                        + clip(response.text(), 120).replaceAll("[0-9]+", "N"));
        String description = "### " + target + ": " + key + "\n\n"
                + "first seen " + Instant.now() + "\n\n"
                + "request:\n```\n" + request.describe(2_000) + "\n```\n"
                + "response: " + response.status() + " " + clip(response.text(), 500) + "\n\n"
                + (log.stackTrace(12) == null ? "" : "server log:\n```\n" + log.stackTrace(12) + "\n```\n");
        if (seen.add(key)) {
            write(description + "\n");
        }
        if (!keepGoing) {
            throw new AssertionError(description);
        }
    }

    /** The counts so far, one line: what the long run reports. */
    synchronized String summary() {
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(
                Locale.ROOT,
                "%s: %,d cases in %.0f s (%.0f/s), %,d answered 5xx or not at all, %,d forged notifications accepted, "
                        + "%,d oracle violations (%d distinct), statuses %s",
                target,
                cases,
                seconds,
                cases / Math.max(seconds, 1e-9),
                serverErrors,
                forgeriesAccepted,
                violations,
                seen.size(),
                statuses);
    }

    synchronized long violations() {
        return violations;
    }

    synchronized void writeSummary() {
        try {
            Path report = file.resolveSibling("summary-" + target + ".txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, summary() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path with its ids blanked, so that one cause at many ids is one finding. */
    private static String shape(String path) {
        String[] segments = path.split("/", -1);
        StringBuilder shape = new StringBuilder();
        for (int i = 1; i < Math.min(segments.length, 6); i++) {
            shape.append('/')
                    .append(
                            segments[i].matches("[a-z]+_[A-Za-z0-9]+|[0-9A-Za-z_-]{16,}")
                                    ? "*"
                                    : clip(segments[i], 20));
        }
        return shape.toString();
    }

    private static String clip(String text, int limit) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > limit ? oneLine.substring(0, limit) + "…" : oneLine;
    }
}
