package io.tongbao.merchant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * In the demo profile, a merchant with an HMAC app exists from the first start, its credentials printed once
 * and written to a file that only the owner can read.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("tongbao.demo.enabled")
class DemoMerchant implements ApplicationRunner {

    static final String NAME = "Tongbao demo merchant";
    private static final Logger log = LoggerFactory.getLogger(DemoMerchant.class);

    private final Onboarding onboarding;
    private final DemoSandboxChannels channels;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Path credentialsFile;
    private final String baseUrl;

    DemoMerchant(Onboarding onboarding, DemoSandboxChannels channels, JdbcClient jdbc, ObjectMapper json,
                 @Value("${tongbao.data-dir:./data}") Path dataDir,
                 @Value("${server.port:8080}") int port) {
        this.onboarding = onboarding;
        this.channels = channels;
        this.jdbc = jdbc;
        this.json = json;
        this.credentialsFile = dataDir.resolve("demo-credentials.json").toAbsolutePath().normalize();
        this.baseUrl = "http://localhost:" + port;
    }

    @Override
    public void run(ApplicationArguments args) {
        Optional<String> existingApp = jdbc.sql("""
                        select a.id from app a join merchant m on m.id = a.merchant_id
                        where m.name = :name order by a.created_at limit 1""")
                .param("name", NAME).query(String.class).optional();
        if (existingApp.isPresent()) {
            channels.connect(existingApp.get());
            log.info("Demo merchant exists; its credentials are in {}", credentialsFile);
            return;
        }
        Merchant merchant = onboarding.createMerchant(NAME);
        Onboarding.AppCreated created = onboarding.createApp(merchant.id(), "Demo shop", null, SignType.HMAC_SHA256, null);
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("base_url", baseUrl);
        credentials.put("merchant_id", merchant.id());
        credentials.put("app_id", created.app().id());
        credentials.put("sign_type", SignType.HMAC_SHA256.name());
        credentials.put("hmac_secret", created.hmacSecret());
        write(json.writerWithDefaultPrettyPrinter().writeValueAsString(credentials));
        channels.connect(created.app().id());
        // printed on purpose, once: the demo has no other way to hand them over
        log.warn("""

                ==================================================================
                 Demo merchant {} with app {}
                 HMAC secret: {}
                 Saved to {} (owner-only). Try the SDK or docs/api.md.
                ==================================================================""",
                merchant.id(), created.app().id(), created.hmacSecret(), credentialsFile);
    }

    private void write(String content) {
        try {
            Files.createDirectories(credentialsFile.getParent());
            Files.deleteIfExists(credentialsFile);
            Files.createFile(credentialsFile,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(credentialsFile, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo credentials to " + credentialsFile, e);
        }
    }
}
