package io.tongbao.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code tongbao.*}; each also reads from the environment, e.g. {@code TONGBAO_DB_URL},
 * {@code TONGBAO_MASTER_KEY}, {@code TONGBAO_DATA_DIR}.
 */
@ConfigurationProperties("tongbao")
public record TongbaoProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Db db,
        @DefaultValue Security security) {

    /**
     * An external PostgreSQL when {@code url} is set; otherwise the embedded server under {@code dataDir}.
     * {@code connectionTimeout}: how long a request waits for a pooled connection before it is answered
     * {@code 503 SERVICE_BUSY}.
     */
    public record Db(
            String url,
            String user,
            String password,
            @DefaultValue("20") int maxPoolSize,
            @DefaultValue("10s") Duration startupTimeout,
            @DefaultValue("10s") Duration connectionTimeout) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * {@code masterKey}: Base64 of 32 random bytes ({@code openssl rand -base64 32}). Without it a key file is
     * generated in the data folder, which suits a demo, not production. {@code previousMasterKeys}: keys
     * being rotated out, still accepted for decryption.
     */
    public record Security(String masterKey, @DefaultValue List<String> previousMasterKeys) {}
}
