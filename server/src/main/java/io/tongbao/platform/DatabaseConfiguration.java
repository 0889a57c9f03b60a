package io.tongbao.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One DataSource, on the external PostgreSQL when configured, on the embedded one otherwise. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(TongbaoProperties properties) {
        TongbaoProperties.Db db = properties.db();
        DatabaseServer server = db.external()
                ? new ExternalDatabaseServer(db.url(), db.user(), db.password())
                : EmbeddedDatabaseServer.start(properties.dataDir());
        log.info("Database: {}", server.description());
        return server;
    }

    /** Closed before the server it points at, since it depends on it. */
    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseServer server, TongbaoProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tongbao");
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(properties.db().maxPoolSize());
        config.setConnectionTimeout(properties.db().connectionTimeout().toMillis());
        config.setInitializationFailTimeout(properties.db().startupTimeout().toMillis());
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DatabaseUnreachableException(redacted(server.jdbcUrl()), cause);
        }
    }

    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=***");
    }

    record ExternalDatabaseServer(String jdbcUrl, String user, String password) implements DatabaseServer {

        @Override
        public String description() {
            return "external PostgreSQL at " + redacted(jdbcUrl);
        }

        @Override
        public void close() {
            // not ours to stop
        }
    }
}
