package io.tongbao.shared.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settingsCacheTtl}: how long each module keeps the settings it reads on every merchant call (an app's
 * credentials, secrets, channel accounts and fee rates) in memory (see {@link SettingsCache}); a change made on
 * another node is seen here within it. One setting for all of them, so that the bound is the same everywhere.
 */
@ConfigurationProperties("tongbao.api")
public record SettingsCacheProperties(@DefaultValue("5s") Duration settingsCacheTtl) {

    private static final long MAXIMUM_ENTRIES = 100_000;

    public SettingsCacheProperties {
        if (settingsCacheTtl.isNegative()) {
            throw new IllegalArgumentException("tongbao.api.settings-cache-ttl must not be negative");
        }
    }

    public <K, V> SettingsCache<K, V> cache() {
        return new SettingsCache<>(settingsCacheTtl, MAXIMUM_ENTRIES);
    }
}
