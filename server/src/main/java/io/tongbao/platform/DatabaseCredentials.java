package io.tongbao.platform;

import io.tongbao.shared.id.Ids;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded PostgreSQL's two generated passwords, kept beside its data in a file only the owner can read: the
 * superuser's, used only to set the server up, and the application role's.
 */
record DatabaseCredentials(String superuserPassword, String applicationPassword) {

    static final String SUPERUSER = "postgres";
    static final String APPLICATION_ROLE = "tongbao";
    static final String DATABASE = "tongbao";

    static DatabaseCredentials generate() {
        // letters and digits only: the passwords are written into SQL literals and pg_ctl's shell command line
        return new DatabaseCredentials(Ids.randomToken(32), Ids.randomToken(32));
    }

    static Optional<DatabaseCredentials> read(Path file) {
        if (Files.notExists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String superuser = properties.getProperty("superuser_password");
        String application = properties.getProperty("application_password");
        if (superuser == null || application == null) {
            throw new IllegalStateException(file + " lacks superuser_password or application_password");
        }
        return Optional.of(new DatabaseCredentials(superuser, application));
    }

    /** Written whole or not at all: a crash halfway leaves the previous file or none. */
    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("superuser_password", superuserPassword);
        properties.setProperty("application_password", applicationPassword);
        try {
            Path partial = Files.createTempFile(
                    file.getParent(),
                    ".db-credentials",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                properties.store(
                        writer,
                        "Embedded PostgreSQL passwords (role " + SUPERUSER + " for setup only, role " + APPLICATION_ROLE
                                + " for Tongbao). Keep this file owner-only.");
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[***]";
    }
}
