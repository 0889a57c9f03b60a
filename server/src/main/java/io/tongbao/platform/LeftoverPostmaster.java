package io.tongbao.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster that outlived the JVM that started it ({@code kill -9}, a crash): pg_ctl runs it in a session of its
 * own, so nothing stops it with the JVM, and the next start would fail on "lock file already exists". Called with
 * the data folder's lock held, so no live Tongbao is using that server: it is stopped before a new one starts.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {}

    static void stopIfRunning(PostgresProcesses postgres) {
        Optional<Long> pid = postgres.postmasterPid();
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        Path pidFile = postgres.directory().resolve("postmaster.pid");
        if (process.isEmpty()) {
            return; // PostgreSQL itself recognises the lock file of a dead postmaster and starts over it
        }
        if (!isPostmasterOf(process.get(), postgres.directory())) {
            // the pid was reused by an unrelated process (after a reboot, say); PostgreSQL would refuse to start
            log.warn("Removing the stale {}: its pid {} is now another program", pidFile, pid.get());
            delete(pidFile);
            return;
        }
        log.warn(
                "An embedded PostgreSQL left running by an earlier start (pid {}) still holds {}: stopping it",
                pid.get(),
                postgres.directory());
        postgres.stop();
        awaitExit(process.get());
    }

    private static boolean isPostmasterOf(ProcessHandle process, Path directory) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command()
                .map(command -> Path.of(command).getFileName().toString())
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe"))
                .isPresent();
        // arguments are not visible on every system; where they are, they name the data directory
        boolean thisDirectory = info.arguments()
                .map(arguments -> String.join(" ", arguments).contains(directory.toString()))
                .orElse(true);
        return postgres && thisDirectory;
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the leftover PostgreSQL (pid " + process.pid() + ") did not stop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the leftover PostgreSQL", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }
}
