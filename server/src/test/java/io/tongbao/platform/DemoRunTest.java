package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.support.ConsoleSession;
import io.tongbao.support.Restart;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo run as a user starts it (its own JVM, the demo profile) and stops it (SIGTERM, as Ctrl-C or systemd). */
@Restart
class DemoRunTest {

    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+\\s+ERROR ");
    private static final Pattern FIRST_OPERATOR =
            Pattern.compile("Operator account created: user 'admin', password '([^']+)'");

    @TempDir
    Path folder;

    @Test
    void theDemoListensOnLoopbackOnlyAndStopsWithoutAnError() throws Exception {
        TongbaoProcess demo = TongbaoProcess.start(folder.resolve("data"), folder.resolve("demo.log"));
        try {
            // its sandbox answers without authentication (clock, faults, notification log): not for the network
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), demo.port()), 5000);
            }
            List<InetAddress> external = nonLoopbackAddresses();
            Assumptions.assumeFalse(external.isEmpty(), "this machine has no address but loopback to try");
            for (InetAddress address : external) {
                assertThatThrownBy(() -> {
                            try (Socket outside = new Socket()) {
                                outside.connect(new InetSocketAddress(address, demo.port()), 5000);
                            }
                        })
                        .as("reachable on %s", address)
                        .isInstanceOf(IOException.class);
            }

            // the first operator logs in to the console with the password the log showed once; the sandbox band shows
            Matcher printed = FIRST_OPERATOR.matcher(demo.log());
            assertThat(printed.find())
                    .as("the first operator's password is printed once")
                    .isTrue();
            ConsoleSession console = new ConsoleSession(demo.port());
            assertThat(console.login("admin", printed.group(1)).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
            assertThat(console.get("/console/").body()).contains("sandbox-band").contains("admin");

            // some work in flight for the schedulers, listeners and the event publication registry at shutdown
            TongbaoClient client = demo.demoClient();
            for (String payWay : new String[] {"ALIPAY_QR", "WECHAT_NATIVE"}) {
                client.payments().create(PaymentApi.PaymentRequest.of("shutdown-" + payWay, 100, "demo", payWay));
            }
        } finally {
            demo.terminate();
        }
        // zonky's own JVM shutdown hook used to stop PostgreSQL while Spring was still closing: the event publication
        // registry's last query then failed ("Application exception overridden by rollback exception")
        assertThat(demo.log()
                        .lines()
                        .filter(line -> ERROR_LINE.matcher(line).find())
                        .toList())
                .isEmpty();
        assertThat(demo.log().lines().filter(line -> line.contains("Exception")).toList())
                .isEmpty();
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(DemoRunTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .toList();
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
