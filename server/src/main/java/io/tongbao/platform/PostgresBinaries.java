package io.tongbao.platform;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries of the zonky Maven artifact, unpacked once into the data folder (owner-only) rather than
 * into a shared temporary folder where another local account could plant its own {@code postgres} first.
 */
final class PostgresBinaries {

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    static PostgresBinaries unpackInto(Path parent) {
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            if (archive == null) {
                throw new IllegalStateException(
                        "no embedded PostgreSQL binaries for " + system() + " " + architecture());
            }
            byte[] bytes = archive.readAllBytes();
            Path home = parent.resolve("pg-" + HexFormat.of().formatHex(sha256(bytes), 0, 8));
            if (Files.notExists(home.resolve(".complete"))) {
                ownerOnlyDirectory(parent);
                Path unpacking = Files.createTempDirectory(parent, "unpacking-");
                extract(bytes, unpacking);
                Files.createFile(unpacking.resolve(".complete"));
                try {
                    Files.move(unpacking, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    if (Files.notExists(home.resolve(".complete"))) {
                        throw raced;
                    }
                }
            }
            return new PostgresBinaries(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the embedded PostgreSQL binaries into " + parent, e);
        }
    }

    /**
     * The command line for one of the binaries. PostgreSQL refuses to run as root; as root (containers, CI) it runs
     * in a user namespace of its own where it is not, as zonky does it.
     */
    List<String> command(String binary, String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(home.resolve("bin").resolve(binary).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    static void ownerOnlyDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }

    private static void extract(byte[] txz, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(txz)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                    Files.setPosixFilePermissions(
                            file,
                            PosixFilePermissions.fromString((entry.getMode() & 0100) != 0 ? "rwx------" : "rw-------"));
                }
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.startsWith("windows") ? "Windows" : os.startsWith("mac") ? "Darwin" : "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }
}
