package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongbao.TongbaoApplication;
import io.tongbao.sdk.TongbaoClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real application in a JVM of its own, started as the README's run does (demo profile, a data folder), in a
 * process group of its own ({@code setsid}) so that a test can kill it the way a crash or an operator would.
 */
final class TongbaoProcess {

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Process process;

    private TongbaoProcess(Path dataDir, Path log, int port, Process process) {
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    /** Starts and waits until it answers its health check. */
    static TongbaoProcess start(Path dataDir, Path log, String... arguments) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                "setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                TongbaoApplication.class.getName(),
                "--spring.profiles.active=demo",
                "--tongbao.data-dir=" + dataDir,
                "--server.port=" + port));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            TongbaoProcess tongbao = new TongbaoProcess(dataDir, log, port, process);
            tongbao.awaitHealthy();
            return tongbao;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TongbaoClient demoClient() {
        try {
            JsonNode demo =
                    JsonMapper.builder().build().readTree(Files.readString(dataDir.resolve("demo-credentials.json")));
            return TongbaoClient.builder()
                    .baseUrl(baseUrl())
                    .appId(demo.get("app_id").asString())
                    .hmacSecret(demo.get("hmac_secret").asString())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded postmaster's pid, from the lock file PostgreSQL keeps in its data directory. */
    long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                    .getFirst()
                    .trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9} of the JVM alone: what an OOM killer or an impatient operator does. */
    void killJvm() {
        kill("-9", Long.toString(process.pid()));
        awaitExit();
    }

    /**
     * {@code kill -9} of everything at once, as a power cut would end the processes: the JVM's process group, the
     * postmaster (pg_ctl started it in a session of its own) and every PostgreSQL process under it.
     */
    void killEverything() {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
        List<String> arguments =
                new ArrayList<>(List.of("-9", "--", "-" + process.pid(), Long.toString(postmaster.pid())));
        List<ProcessHandle> children = postmaster.descendants().toList();
        children.forEach(child -> arguments.add(Long.toString(child.pid())));
        try {
            kill(arguments.toArray(String[]::new));
        } catch (AssertionError someAlreadyGone) {
            // a backend whose connection ended between listing and killing is "No such process" (kill exits 1):
            // what matters is that nothing listed is still running, checked below
        }
        awaitExit();
        await().atMost(Duration.ofSeconds(30)).until(() -> !postmaster.isAlive());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                children.stream().filter(ProcessHandle::isAlive).toList())
                        .as("PostgreSQL processes still alive after kill -9")
                        .isEmpty());
    }

    /** {@code kill -TERM}: the ordinary stop (Ctrl-C, systemd, docker stop). */
    void terminate() {
        kill("-TERM", Long.toString(process.pid()));
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Tongbao did not exit; log:\n" + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void awaitHealthy() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("Tongbao exited with " + process.exitValue() + "; log:\n" + tail());
                    }
                    return http.send(health, HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200;
                });
    }

    private String tail() {
        String all = log();
        return all.substring(Math.max(0, all.length() - 6000));
    }

    private static void kill(String... arguments) {
        List<String> command = new ArrayList<>(List.of("kill"));
        command.addAll(List.of(arguments));
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new AssertionError(command + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
