package io.tongbao.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs bench/node-clients/check.mjs (the Node.js alipay-sdk and wechatpay-axios-plugin, clients nobody on this
 * project wrote) against this test's sandbox. The build never installs them (no network in {@code ./mvnw verify}):
 * without {@code node} or without the clients installed by {@code bench/node-clients/run.sh}, the test is skipped
 * and says why.
 */
@SandboxTest
class NodeClientsCheckTest {

    private static final Path HARNESS =
            Path.of("..", "bench", "node-clients").toAbsolutePath().normalize();

    @LocalServerPort
    int port;

    /** Before the test instance, so that a skipped run does not start a sandbox for nothing. */
    @BeforeAll
    static void nodeAndTheClientsAreInstalled() {
        skipUnless(nodeRuns(), "no `node` on the PATH");
        skipUnless(
                Files.isDirectory(HARNESS.resolve("node_modules/alipay-sdk"))
                        && Files.isDirectory(HARNESS.resolve("node_modules/wechatpay-axios-plugin")),
                "the Node clients are not installed: run bench/node-clients/run.sh once (npm ci, needs the network)");
    }

    @Test
    void theNodeClientsPayQueryCloseAndRefundAndVerifyEverySignature() throws Exception {
        Path output = Files.createTempFile("node-clients-check", ".log");
        ProcessBuilder builder = new ProcessBuilder("node", "check.mjs")
                .directory(HARNESS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("SANDBOX_URL", "http://127.0.0.1:" + port);
        Process check = builder.start();
        boolean finished = check.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            check.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        System.out.println(printed);
        assertThat(finished).as("check.mjs finished within 60 s:%n%s", printed).isTrue();
        assertThat(check.exitValue()).as("check.mjs exit status:%n%s", printed).isZero();
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("NodeClientsCheckTest skipped: " + reason);
        }
        Assumptions.assumeTrue(condition, reason);
    }

    private static boolean nodeRuns() {
        try {
            Process version = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
