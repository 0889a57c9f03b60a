package io.tongbao.bench;

import io.tongbao.TongbaoApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole application, started in this JVM on a fresh database of the PostgreSQL service and listening on
 * 127.0.0.1 only, on a free port. Benchmark-specific settings are defaults: any {@code -Dtongbao.…},
 * {@code -Dserver.…} or {@code -Dspring.…} on the command line wins over them.
 */
final class RunningTongbao implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";

    private final ConfigurableApplicationContext context;
    private final int port;

    private RunningTongbao(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    static RunningTongbao start(PostgresServer postgres, String database, Map<String, String> settings)
            throws IOException, SQLException {
        postgres.recreate(database);
        int port = freeLoopbackPort();
        Map<String, Object> defaults = new HashMap<>(Map.of(
                "tongbao.db.url",
                postgres.url(database),
                "tongbao.db.user",
                postgres.user(),
                "tongbao.db.password",
                "",
                "tongbao.db.max-pool-size",
                "48",
                "tongbao.data-dir",
                Files.createTempDirectory("tongbao-bench").toString(),
                "server.address",
                LOOPBACK,
                "server.port",
                Integer.toString(port),
                // the benchmarks measure the API, not the per-app rate limit
                "tongbao.api.requests-per-second",
                "100000000",
                "tongbao.api.burst",
                "100000000",
                "logging.level.root",
                "WARN"));
        defaults.putAll(settings);
        return new RunningTongbao(new SpringApplication(TongbaoApplication.class).run(arguments(defaults)), port);
    }

    /**
     * The settings as command-line arguments, which outrank application.yml (default properties would not: its
     * {@code server.port} would win); a setting given as a system property is left out, so that the
     * {@code -D} on the command line decides.
     */
    private static String[] arguments(Map<String, Object> settings) {
        return settings.entrySet().stream()
                .filter(setting -> System.getProperty(setting.getKey()) == null)
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
    }

    /** The address clients, the sandbox's notifications and the channel adapters use: loopback, never a host name. */
    static String baseUrl(int port) {
        return "http://" + LOOPBACK + ":" + port;
    }

    String baseUrl() {
        return baseUrl(port);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The application context itself: the publisher the modules' own events go through. */
    ApplicationEventPublisher events() {
        return context;
    }

    /** Adds a listener to the running application, as a bean of it would be: it sees the modules' own events. */
    void listen(ApplicationListener<ApplicationEvent> listener) {
        context.addApplicationListener(listener);
    }

    Environment environment() {
        return context.getEnvironment();
    }

    long count(String sql) {
        return bean(JdbcClient.class).sql(sql).query(Long.class).single();
    }

    /** A port free on loopback now; the application binds it a moment later (a race no other process here runs). */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
