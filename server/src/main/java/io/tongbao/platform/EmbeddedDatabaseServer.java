package io.tongbao.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL binaries from a Maven artifact, run with their data under the data folder, so a restart keeps
 * everything and nothing has to be installed. Durable like any PostgreSQL (an acknowledged commit survives a crash),
 * reachable only on 127.0.0.1 with a password, and the application connects as a role that is no superuser
 * (docs/security.md, "Embedded database").
 */
final class EmbeddedDatabaseServer implements DatabaseServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseServer.class);

    /**
     * Given on the command line, so they win over any configuration file. zonky's builder, used before, started the
     * server with {@code -F} (fsync off) and {@code synchronous_commit=off}: a crash lost acknowledged commits.
     * No Unix socket at all (pgjdbc cannot use one without a native library): TCP on the loopback address only.
     */
    static final List<String> SERVER_OPTIONS = List.of(
            "-c fsync=on",
            "-c synchronous_commit=on",
            "-c full_page_writes=on",
            "-c listen_addresses=127.0.0.1",
            "-c unix_socket_directories=''",
            "-c password_encryption=scram-sha-256",
            "-c max_connections=300",
            "-c timezone=UTC");

    /** Rewritten at every start: a password (SCRAM) is needed from 127.0.0.1, nothing else is let in. */
    private static final String PG_HBA = """
            # Written by Tongbao at every start; changes here are overwritten (docs/security.md, "Embedded database").
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            host    all       all   127.0.0.1/32   scram-sha-256
            """;

    private final PostgresProcesses postgres;
    private final FileLock folderLock;
    private final int port;
    private final DatabaseCredentials credentials;

    private EmbeddedDatabaseServer(
            PostgresProcesses postgres, FileLock folderLock, int port, DatabaseCredentials credentials) {
        this.postgres = postgres;
        this.folderLock = folderLock;
        this.port = port;
        this.credentials = credentials;
    }

    static EmbeddedDatabaseServer start(Path dataDir) {
        Path folder = dataDir.toAbsolutePath().normalize();
        Path directory = folder.resolve("postgres");
        FileLock lock = lock(folder);
        try {
            PostgresProcesses postgres = new PostgresProcesses(
                    PostgresBinaries.unpackInto(folder.resolve("postgres-binaries")),
                    directory,
                    folder.resolve("postgres.log"));
            LeftoverPostmaster.stopIfRunning(postgres);
            DatabaseCredentials credentials = prepare(postgres, folder);
            Files.writeString(directory.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
            int port = freeLoopbackPort();
            postgres.start(serverOptions(port), Duration.ofSeconds(60));
            EmbeddedDatabaseServer server = new EmbeddedDatabaseServer(postgres, lock, port, credentials);
            try {
                EmbeddedDatabaseRoles.apply(port, credentials);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            release(lock);
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + directory, e);
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    static List<String> serverOptions(int port) {
        return Stream.concat(Stream.of("-p " + port), SERVER_OPTIONS.stream()).toList();
    }

    /**
     * A new folder gets passwords before initdb; a folder of the previous version (trust, no password) gets them
     * in single-user mode, before the server listens at all. The file is written last: a crash before leaves a
     * folder that is set up again at the next start.
     */
    private static DatabaseCredentials prepare(PostgresProcesses postgres, Path folder) throws IOException {
        Path file = folder.resolve("postgres-credentials.properties");
        if (Files.notExists(postgres.directory().resolve("PG_VERSION"))) {
            DatabaseCredentials credentials = DatabaseCredentials.read(file).orElseGet(DatabaseCredentials::generate);
            PostgresBinaries.ownerOnlyDirectory(postgres.directory());
            Path passwordFile = Files.createTempFile(
                    folder,
                    ".initdb",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(passwordFile, credentials.superuserPassword() + "\n", StandardCharsets.UTF_8);
                postgres.initdb(passwordFile);
            } finally {
                Files.deleteIfExists(passwordFile);
            }
            credentials.write(file);
            return credentials;
        }
        return DatabaseCredentials.read(file).orElseGet(() -> {
            log.warn(
                    "Securing an embedded PostgreSQL created by an earlier version of Tongbao (trust, no password): "
                            + "generating passwords into {}",
                    file);
            DatabaseCredentials generated = DatabaseCredentials.generate();
            postgres.singleUser(
                    DatabaseCredentials.SUPERUSER,
                    "alter role " + DatabaseCredentials.SUPERUSER + " password '" + generated.superuserPassword()
                            + "'");
            generated.write(file);
            return generated;
        });
    }

    /** Held while the server runs; released by the OS however the JVM ends, which tells a leftover from a live one. */
    private static FileLock lock(Path folder) {
        try {
            PostgresBinaries.ownerOnlyDirectory(folder);
            FileChannel channel = FileChannel.open(
                    folder.resolve("postgres.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another Tongbao is running on the data folder " + folder
                        + "; stop it first, or set TONGBAO_DATA_DIR to another folder");
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data folder " + folder, e);
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.channel().close();
        } catch (IOException ignored) {
            // the OS releases it with the process anyway
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String jdbcUrl() {
        return EmbeddedDatabaseRoles.jdbcUrl(port, DatabaseCredentials.DATABASE);
    }

    @Override
    public String user() {
        return DatabaseCredentials.APPLICATION_ROLE;
    }

    @Override
    public String password() {
        return credentials.applicationPassword();
    }

    @Override
    public String description() {
        return "embedded PostgreSQL on 127.0.0.1:" + port + ", data in " + postgres.directory();
    }

    @Override
    public void close() {
        try {
            postgres.stop();
        } finally {
            release(folderLock);
        }
    }
}
