package io.tongbao.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL every benchmark runs against (the service, not an embedded one): fresh databases, and its settings. */
record PostgresServer(String host, int port, String user) {

    static final List<String> REPORTED_SETTINGS = List.of(
            "shared_buffers",
            "synchronous_commit",
            "fsync",
            "wal_sync_method",
            "max_connections",
            "max_wal_size",
            "checkpoint_timeout");

    /** {@code bench.host}, {@code bench.port}, {@code bench.user}; defaults: the local service. */
    static PostgresServer fromSystemProperties() {
        return new PostgresServer(
                System.getProperty("bench.host", "127.0.0.1"),
                Integer.getInteger("bench.port", 5432),
                System.getProperty("bench.user", "postgres"));
    }

    String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Drops the database if it exists (closing its connections) and creates it empty. */
    void recreate(String database) throws SQLException {
        execute("drop database if exists " + database + " with (force)");
        execute("create database " + database);
    }

    String version() throws SQLException {
        return query("select version()");
    }

    /** The settings that move commit-bound figures, as {@code name=value, ...}. */
    String settings() throws SQLException {
        List<String> values = new ArrayList<>();
        for (String name : REPORTED_SETTINGS) {
            values.add(name + "=" + query("select current_setting('" + name + "')"));
        }
        return String.join(", ", values);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url("postgres"), user, "");
    }
}
