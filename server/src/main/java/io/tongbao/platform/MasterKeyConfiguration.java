package io.tongbao.platform;

import io.tongbao.shared.crypto.SecretCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master key that seals every stored secret. From {@code TONGBAO_MASTER_KEY} in production; in the
 * embedded default a key file generated once in the data folder, readable by its owner only.
 */
@Configuration(proxyBeanMethods = false)
class MasterKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyConfiguration.class);

    @Bean
    SecretCipher secretCipher(TongbaoProperties properties) {
        TongbaoProperties.Security security = properties.security();
        byte[] primary = security.masterKey() == null || security.masterKey().isBlank()
                ? keyFile(properties.dataDir().resolve("master.key"))
                : decode(security.masterKey(), "tongbao.security.master-key");
        List<byte[]> older = security.previousMasterKeys().stream()
                .map(key -> decode(key, "tongbao.security.previous-master-keys"))
                .toList();
        return new SecretCipher(primary, older);
    }

    private static byte[] keyFile(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            log.warn(
                    "Secrets are sealed with the generated master key file {}. Fine for a demo; in production set "
                            + "TONGBAO_MASTER_KEY from a secret store and keep it out of the data folder (docs/security.md).",
                    file.toAbsolutePath());
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    }

    private static byte[] decode(String base64, String source) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.trim());
            if (key.length != 32) {
                throw new IllegalStateException(source + " must be Base64 of 32 bytes, got " + key.length + " bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not Base64", e);
        }
    }
}
