package io.tongbao.platform;

import static io.tongbao.platform.DatabaseCredentials.APPLICATION_ROLE;
import static io.tongbao.platform.DatabaseCredentials.DATABASE;
import static io.tongbao.platform.DatabaseCredentials.SUPERUSER;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the application a role of its own that is no superuser (so no {@code pg_read_file}, no {@code COPY ... TO
 * PROGRAM}) and owns the {@code tongbao} database and everything in it. Run as the superuser at every start; each
 * step is idempotent. A data folder of the previous version kept everything in the {@code postgres} database,
 * owned by the superuser: that database becomes {@code tongbao} and is handed over.
 */
final class EmbeddedDatabaseRoles {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseRoles.class);

    /** Every table, view and sequence, then every function and stand-alone type of the schema, to the app role. */
    private static final String HAND_OVER_OBJECTS = """
            do $$
            declare object record;
            begin
              for object in select c.relname, c.relkind from pg_class c
                  where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
                    and c.relowner <> '%1$s'::regrole loop
                execute format('alter %%s %%I owner to %1$s', case object.relkind when 'v' then 'view'
                    when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end, object.relname);
              end loop;
              for object in select c.relname from pg_class c
                  where c.relnamespace = 'public'::regnamespace and c.relkind = 'S' and c.relowner <> '%1$s'::regrole loop
                execute format('alter sequence %%I owner to %1$s', object.relname);
              end loop;
              for object in select p.oid::regprocedure as signature, p.prokind from pg_proc p
                  where p.pronamespace = 'public'::regnamespace and p.proowner <> '%1$s'::regrole loop
                execute format('alter %%s %%s owner to %1$s', case object.prokind when 'p' then 'procedure'
                    when 'a' then 'aggregate' else 'function' end, object.signature);
              end loop;
              for object in select t.oid::regtype as name from pg_type t left join pg_class c on c.oid = t.typrelid
                  where t.typnamespace = 'public'::regnamespace and t.typowner <> '%1$s'::regrole
                    and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and c.relkind = 'c')) loop
                execute format('alter type %%s owner to %1$s', object.name);
              end loop;
            end $$""";

    private EmbeddedDatabaseRoles() {}

    static void apply(int port, DatabaseCredentials credentials) {
        try {
            try (Connection admin = connect(port, "template1", credentials)) {
                ensureApplicationRole(admin, credentials.applicationPassword());
                ensureDatabase(admin, port, credentials);
                execute(admin, "alter database " + DATABASE + " owner to " + APPLICATION_ROLE);
                // other local roles (there are none by default) may not even connect to it
                execute(admin, "revoke all on database " + DATABASE + " from public");
            }
            try (Connection tongbao = connect(port, DATABASE, credentials)) {
                execute(tongbao, HAND_OVER_OBJECTS.formatted(APPLICATION_ROLE));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the embedded PostgreSQL's roles: " + e.getMessage(), e);
        }
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static void ensureApplicationRole(Connection admin, String password) throws SQLException {
        String attributes = " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '"
                + literal(password) + "'";
        boolean exists = exists(admin, "select 1 from pg_roles where rolname = '" + APPLICATION_ROLE + "'");
        execute(admin, (exists ? "alter role " : "create role ") + APPLICATION_ROLE + attributes);
    }

    private static void ensureDatabase(Connection admin, int port, DatabaseCredentials credentials)
            throws SQLException {
        if (exists(admin, "select 1 from pg_database where datname = '" + DATABASE + "'")) {
            return;
        }
        if (previousVersionData(port, credentials)) {
            log.info(
                    "Moving the data of the previous version from database '{}' to '{}', owned by role '{}'",
                    SUPERUSER,
                    DATABASE,
                    APPLICATION_ROLE);
            execute(admin, "alter database " + SUPERUSER + " rename to " + DATABASE);
            execute(admin, "create database " + SUPERUSER);
        } else {
            execute(admin, "create database " + DATABASE + " owner " + APPLICATION_ROLE);
        }
    }

    private static boolean previousVersionData(int port, DatabaseCredentials credentials) throws SQLException {
        try (Connection old = connect(port, SUPERUSER, credentials)) {
            return exists(old, "select 1 where to_regclass('public.flyway_schema_history') is not null");
        }
    }

    private static Connection connect(int port, String database, DatabaseCredentials credentials) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(port, database), SUPERUSER, credentials.superuserPassword());
    }

    private static boolean exists(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String literal(String password) {
        if (!password.matches("[A-Za-z0-9]+")) {
            throw new IllegalStateException("generated passwords are letters and digits");
        }
        return password;
    }
}
