package io.tongbao.platform;

/** Where the application's PostgreSQL is: an external server, or the one this process started. */
interface DatabaseServer extends AutoCloseable {

    String jdbcUrl();

    String user();

    String password();

    String description();

    @Override
    void close();
}
