package io.tongbao.merchant;

import io.tongbao.shared.cache.SettingsCache;
import io.tongbao.shared.cache.SettingsCacheProperties;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the signature check needs to know about the app a request claims, in one query, kept for
 * {@code tongbao.api.settings-cache-ttl}. Every change of an app's or a merchant's status or keys goes through
 * {@link #forget} or {@link #forgetAll} on this node. An unknown app is cached too, as absent: otherwise every request
 * naming a made-up app id would cost a database read that a real app's does not, and the difference in time would
 * tell which app ids exist. A new app still works at once: a signature that does not verify for an app cached as
 * absent makes the caller {@link #reloaded} it (at most once a second per app id).
 */
@Component
class ApiCredentials {

    private final JdbcClient jdbc;
    private final SettingsCache<String, Optional<ApiCaller>> callers;

    ApiCredentials(JdbcClient jdbc, SettingsCacheProperties caches) {
        this.jdbc = jdbc;
        this.callers = caches.cache();
    }

    Optional<ApiCaller> caller(String appId) {
        return callers.get(appId, this::load);
    }

    /** Read again from the database, at most once a second per app id (see {@link SettingsCache#reload}). */
    Optional<ApiCaller> reloaded(String appId) {
        return callers.reload(appId, this::load);
    }

    void forget(String appId) {
        callers.forget(appId);
    }

    /** A merchant's status changed: all its apps' entries go (rare enough not to index them by merchant). */
    void forgetAll() {
        callers.forgetAll();
    }

    private Optional<ApiCaller> load(String appId) {
        return jdbc.sql("""
                        select a.id, a.merchant_id, a.sign_type, a.status, m.status, a.merchant_public_key
                        from app a join merchant m on m.id = a.merchant_id where a.id = :id""")
                .param("id", appId)
                .query((rs, row) -> new ApiCaller(
                        rs.getString(1),
                        rs.getString(2),
                        SignType.valueOf(rs.getString(3)),
                        Status.valueOf(rs.getString(4)),
                        Status.valueOf(rs.getString(5)),
                        rs.getString(6)))
                .optional();
    }
}
