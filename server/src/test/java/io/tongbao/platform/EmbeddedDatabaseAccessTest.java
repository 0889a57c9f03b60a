package io.tongbao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who can reach the embedded PostgreSQL: only who holds a password from the owner-only file beside the data, and
 * the application's role can do nothing a superuser could (read the master key with pg_read_file, run programs).
 */
class EmbeddedDatabaseAccessTest {

    @TempDir
    Path dataDir;

    @Test
    void onlyAPasswordLetsInAndTheApplicationRoleIsNoSuperuser() throws Exception {
        EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(dataDir);
        try {
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres-credentials.properties")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            for (String user : new String[] {"tongbao", "postgres"}) {
                assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, "")
                                .close())
                        .as("%s without a password", user)
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, "wrong")
                                .close())
                        .as("%s with a wrong password", user)
                        .hasMessageContaining("password authentication failed");
            }
            try (Connection app = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
                assertThat(query(app, "select rolsuper::text from pg_roles where rolname = current_user"))
                        .isEqualTo("false");
                assertThat(query(
                                app,
                                "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                        .isEqualTo("tongbao");
                String masterKey =
                        dataDir.resolve("master.key").toAbsolutePath().toString();
                assertThatThrownBy(() -> query(app, "select pg_read_file('" + masterKey + "')"))
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> query(app, "copy (select 1) to program 'id'"))
                        .hasMessageContaining("permission denied");
            }
            try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), "postgres", superuserPassword())) {
                assertThat(query(admin, "show listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(query(admin, "show unix_socket_directories")).isEmpty();
                // durable: an acknowledged commit is on disk (EmbeddedDatabaseCrashTest kills everything to check it)
                assertThat(query(admin, "show fsync")).isEqualTo("on");
                assertThat(query(admin, "show synchronous_commit")).isEqualTo("on");
                assertThat(query(admin, "show full_page_writes")).isEqualTo("on");
            }
        } finally {
            server.close();
        }
    }

    @Test
    void aFolderOfThePreviousVersionIsLockedAndHandedToTheApplicationRole() throws Exception {
        // what the previous version left in ./data: trust for everyone, everything in "postgres" owned by the superuser
        EmbeddedPostgres previous = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        try (Connection old = previous.getPostgresDatabase().getConnection()) {
            execute(old, "create table flyway_schema_history (version text)");
            execute(old, "create table merchant (id bigint generated always as identity, name text)");
            execute(old, "create sequence transfer_seq");
            execute(old, "create function answer() returns int language sql as 'select 42'");
            execute(old, "insert into merchant (name) values ('kept')");
        } finally {
            previous.close();
        }

        EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(dataDir);
        try {
            assertThat(Files.readString(dataDir.resolve("postgres").resolve("pg_hba.conf")))
                    .doesNotContain("trust");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "")
                            .close())
                    .isInstanceOf(SQLException.class);
            try (Connection app = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
                assertThat(query(app, "select name from merchant")).isEqualTo("kept");
                execute(app, "insert into merchant (name) values ('new')");
                execute(app, "alter table merchant add column note text");
                assertThat(query(app, "select nextval('transfer_seq')::text")).isEqualTo("1");
                assertThat(query(app, "select answer()::text")).isEqualTo("42");
                assertThat(query(
                                app,
                                "select count(*)::text from pg_class where relnamespace = 'public'::regnamespace "
                                        + "and relowner <> 'tongbao'::regrole"))
                        .isEqualTo("0");
            }
        } finally {
            server.close();
        }
        EmbeddedDatabaseServer again = EmbeddedDatabaseServer.start(dataDir);
        try (Connection app = DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password())) {
            assertThat(query(app, "select count(*)::text from merchant")).isEqualTo("2");
        } finally {
            again.close();
        }
    }

    private String superuserPassword() {
        return DatabaseCredentials.read(dataDir.resolve("postgres-credentials.properties"))
                .orElseThrow()
                .superuserPassword();
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
