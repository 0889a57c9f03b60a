package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongbao.TongbaoApplication;
import io.tongbao.sdk.PaymentApi;
import io.tongbao.sdk.TongbaoClient;
import io.tongbao.support.OperatorClient;
import io.tongbao.support.Restart;
import io.tongbao.support.TestDatabase;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starts the application the way the README does, on its own, and stops it again. */
@Restart
class ApplicationLifecycleTest {

    @TempDir
    Path dataDir;

    @Test
    void theDemoRunKeepsEverythingInTheDataFolderAcrossARestart() throws Exception {
        String merchantId;
        try (ConfigurableApplicationContext first = start("demo", Map.of("tongbao.data-dir", dataDir.toString()))) {
            OperatorClient operator = operator(first);
            merchantId = operator.createMerchant("kept across restarts");
            assertThat(operator.get("/actuator/health").body().get("status").asString())
                    .isEqualTo("UP");
        }
        Path credentials = dataDir.resolve("demo-credentials.json");
        assertThat(Files.getPosixFilePermissions(credentials)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("master.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode demo = JsonMapper.builder().build().readTree(Files.readString(credentials));

        try (ConfigurableApplicationContext second = start("demo", Map.of("tongbao.data-dir", dataDir.toString()))) {
            OperatorClient operator = operator(second);
            assertThat(operator.get("/api/operator/merchants/" + merchantId).status())
                    .isEqualTo(200);
            // the demo secret, sealed by the first run, still verifies: the master key file was kept
            TongbaoClient sdk = TongbaoClient.builder()
                    .baseUrl(operator.baseUrl())
                    .appId(demo.get("app_id").asString())
                    .hmacSecret(demo.get("hmac_secret").asString())
                    .build();
            assertThat(sdk.currentApp().merchantId())
                    .isEqualTo(demo.get("merchant_id").asString());
            // the demo app pays through the sandbox mounted in the process, registered again at this start
            for (String payWay : new String[] {"ALIPAY_QR", "WECHAT_NATIVE"}) {
                assertThat(sdk.payments()
                                .create(PaymentApi.PaymentRequest.of("demo-" + payWay, 100, "demo", payWay))
                                .action()
                                .type())
                        .as(payWay)
                        .isEqualTo("QR_CODE");
            }
            assertThat(operator.get("/api/operator/merchants").raw()).containsOnlyOnce("Tongbao demo merchant");
        }
    }

    @Test
    void aRotatedMasterKeyStillOpensOldSecretsAndResealingRetiresTheOldKey() throws Exception {
        String oldKey = randomKey();
        String newKey = randomKey();
        String database = TestDatabase.freshDatabaseUrl();
        Map<String, String> common = Map.of(
                "tongbao.data-dir",
                dataDir.toString(),
                "tongbao.db.url",
                database,
                "tongbao.db.user",
                TestDatabase.user());
        OperatorClient.HmacApp app;
        try (ConfigurableApplicationContext first =
                start("default", with(common, "tongbao.security.master-key", oldKey))) {
            OperatorClient operator = operator(first);
            app = operator.createHmacApp(operator.createMerchant("rotating merchant"));
            operator.createRsaApp(app.merchantId());
        }
        Map<String, String> rotating = with(
                with(common, "tongbao.security.master-key", newKey), "tongbao.security.previous-master-keys", oldKey);
        try (ConfigurableApplicationContext second = start("default", rotating)) {
            OperatorClient operator = operator(second);
            assertThat(operator.sdk(app).currentApp().appId()).isEqualTo(app.appId());
            JsonNode resealed = operator.post("/api/operator/maintenance/reseal-secrets", null)
                    .body();
            assertThat(resealed.get("hmac_secrets").asInt()).isEqualTo(1);
            assertThat(resealed.get("platform_keys").asInt()).isEqualTo(1);
            assertThat(operator.post("/api/operator/maintenance/reseal-secrets", null)
                            .body()
                            .get("hmac_secrets")
                            .asInt())
                    .as("a second run finds nothing left")
                    .isZero();
        }
        try (ConfigurableApplicationContext third =
                start("default", with(common, "tongbao.security.master-key", newKey))) {
            assertThat(operator(third).sdk(app).currentApp().appId()).isEqualTo(app.appId());
        }
    }

    @Test
    void anUnreachableDatabaseStopsTheStartWithTheReason() {
        assertThatThrownBy(() -> start(
                                "default",
                                Map.of(
                                        "tongbao.data-dir",
                                        dataDir.toString(),
                                        "tongbao.db.url",
                                        "jdbc:postgresql://127.0.0.1:1/tongbao",
                                        "tongbao.db.user",
                                        "tongbao",
                                        "tongbao.db.startup-timeout",
                                        "1s"))
                        .close())
                .satisfies(e -> assertThat(messages(e))
                        .contains("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/tongbao"));
    }

    @Test
    void aTakenPortStopsTheStartWithTheReason() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> start(
                                    "default",
                                    Map.of(
                                            "tongbao.data-dir",
                                            dataDir.toString(),
                                            "tongbao.db.url",
                                            TestDatabase.url(),
                                            "server.port",
                                            Integer.toString(taken.getLocalPort())))
                            .close())
                    .hasRootCauseInstanceOf(BindException.class)
                    .satisfies(e -> assertThat(findPortInUse(e)).isTrue());
        }
    }

    @Test
    void anExternalPostgresqlIsUsedWhenConfigured() throws Exception {
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
        try (var connection = DriverManager.getConnection(admin, "postgres", "")) {
            connection.createStatement().execute("drop database if exists tongbao_external_test");
            connection.createStatement().execute("create database tongbao_external_test");
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL service at 127.0.0.1:5432 not reachable (" + e.getMessage()
                    + "): skipping the external-database test");
        }
        try (ConfigurableApplicationContext context = start(
                "default",
                Map.of(
                        "tongbao.data-dir",
                        dataDir.toString(),
                        "tongbao.db.url",
                        "jdbc:postgresql://127.0.0.1:5432/tongbao_external_test",
                        "tongbao.db.user",
                        "postgres"))) {
            OperatorClient operator = operator(context);
            String merchant = operator.createMerchant("on the external server");
            assertThat(operator.get("/actuator/health")
                            .body()
                            .get("components")
                            .get("db")
                            .get("status")
                            .asString())
                    .isEqualTo("UP");
            assertThat(Files.exists(dataDir.resolve("postgres")))
                    .as("no embedded server was started")
                    .isFalse();
            try (var connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:5432/tongbao_external_test", "postgres", "")) {
                var rs = connection
                        .createStatement()
                        .executeQuery("select name from merchant where id = '" + merchant + "'");
                assertThat(rs.next()).isTrue();
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static boolean findPortInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException) {
                return true;
            }
        }
        return false;
    }

    private static ConfigurableApplicationContext start(String profile, Map<String, String> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putIfAbsent("server.port", "0");
        // as command-line arguments: they win over application.yml, as they would on a real command line
        String[] args = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TongbaoApplication.class)
                .profiles(profile)
                .run(args);
    }

    private static OperatorClient operator(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new OperatorClient(port, context.getBean(JdbcClient.class), context.getBean(PasswordEncoder.class));
    }
}
