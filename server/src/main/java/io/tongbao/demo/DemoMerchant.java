package io.tongbao.demo;

import io.tongbao.merchant.App;
import io.tongbao.merchant.SignType;
import io.tongbao.merchant.Tenants;
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

    private final Tenants tenants;
    private final DemoSandboxChannels channels;
    private final ObjectMapper json;
    private final Path credentialsFile;
    private final String baseUrl;

    DemoMerchant(
            Tenants tenants,
            DemoSandboxChannels channels,
            ObjectMapper json,
            @Value("${tongbao.data-dir:./data}") Path dataDir,
            @Value("${server.port:8080}") int port) {
        this.tenants = tenants;
        this.channels = channels;
        this.json = json;
        this.credentialsFile =
                dataDir.resolve("demo-credentials.json").toAbsolutePath().normalize();
        this.baseUrl = "http://localhost:" + port;
    }

    @Override
    public void run(ApplicationArguments args) {
        Optional<App> existingApp = tenants.firstAppOfMerchantNamed(NAME);
        if (existingApp.isPresent()) {
            channels.connect(existingApp.get().id());
            log.info("Demo merchant exists; its credentials are in {}", credentialsFile);
            return;
        }
        Tenants.HmacTenant created = tenants.openWithHmacApp(NAME, "Demo shop");
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("base_url", baseUrl);
        credentials.put("merchant_id", created.merchant().id());
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
                ==================================================================""", created.merchant().id(), created.app().id(), created.hmacSecret(), credentialsFile);
    }

    private void write(String content) {
        try {
            Files.createDirectories(credentialsFile.getParent());
            Files.deleteIfExists(credentialsFile);
            Files.createFile(
                    credentialsFile,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(
                    credentialsFile, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo credentials to " + credentialsFile, e);
        }
    }
}
