package io.tongbao.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs initdb, pg_ctl and single-user postgres for one data directory, with their output in one log file. */
final class PostgresProcesses {

    private static final Logger log = LoggerFactory.getLogger(PostgresProcesses.class);

    private final PostgresBinaries binaries;
    private final Path directory;
    private final Path logFile;

    PostgresProcesses(PostgresBinaries binaries, Path directory, Path logFile) {
        this.binaries = binaries;
        this.directory = directory;
        this.logFile = logFile;
    }

    Path directory() {
        return directory;
    }

    void initdb(Path superuserPasswordFile) {
        run(
                binaries.command(
                        "initdb",
                        "-D",
                        directory.toString(),
                        "-U",
                        DatabaseCredentials.SUPERUSER,
                        "-A",
                        "scram-sha-256",
                        "--pwfile=" + superuserPasswordFile,
                        "-E",
                        "UTF-8"),
                null,
                Duration.ofMinutes(2));
    }

    /** Single-user mode: no connection and no listener at all, so it can set the first password of an old folder. */
    void singleUser(String database, String sql) {
        run(
                binaries.command("postgres", "--single", "-D", directory.toString(), database),
                sql + "\n",
                Duration.ofMinutes(10));
    }

    /** {@code pg_ctl start -w}: returns once the server accepts connections; the postmaster runs on in its own session. */
    void start(List<String> serverOptions, Duration patience) {
        run(
                binaries.command(
                        "pg_ctl",
                        "start",
                        "-D",
                        directory.toString(),
                        "-l",
                        logFile.toString(),
                        "-w",
                        "-t",
                        Long.toString(patience.toSeconds()),
                        "-o",
                        String.join(" ", serverOptions)),
                null,
                patience.plusSeconds(10));
    }

    /** A fast shutdown (sessions ended, a checkpoint written); an immediate one if that does not end in time. */
    void stop() {
        try {
            run(
                    binaries.command("pg_ctl", "stop", "-D", directory.toString(), "-m", "fast", "-w", "-t", "60"),
                    null,
                    Duration.ofSeconds(70));
        } catch (IllegalStateException slow) {
            log.warn("Embedded PostgreSQL did not stop in time, stopping it immediately: {}", slow.getMessage());
            run(
                    binaries.command("pg_ctl", "stop", "-D", directory.toString(), "-m", "immediate", "-w", "-t", "30"),
                    null,
                    Duration.ofSeconds(40));
        }
    }

    Optional<Long> postmasterPid() {
        Path pidFile = directory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            log.warn("Unreadable {}: {}", pidFile, e.getMessage());
            return Optional.empty();
        }
    }

    private void run(List<String> command, @Nullable String input, Duration patience) {
        try {
            ownerOnlyLog();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        name(command) + " did not finish within " + patience + "; see " + logFile);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name(command) + " failed (exit " + process.exitValue() + "): " + tail()
                        + "\n(see " + logFile + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + name(command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name(command), e);
        }
    }

    /** "pg_ctl stop", "initdb -D": the binary and its first argument, never the options (nor what they hold). */
    /** PostgreSQL's log quotes rows in its error details (a duplicate key's value): for the owner's eyes only. */
    private void ownerOnlyLog() throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (Files.notExists(logFile)) {
            Files.createFile(logFile, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        Files.setPosixFilePermissions(logFile, ownerOnly);
    }

    private static String name(List<String> command) {
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).contains("/bin/")) {
                String binary = Path.of(command.get(i)).getFileName().toString();
                return i + 1 < command.size() ? binary + " " + command.get(i + 1) : binary;
            }
        }
        return command.getFirst();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
