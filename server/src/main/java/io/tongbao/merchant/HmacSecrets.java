package io.tongbao.merchant;

import io.tongbao.shared.cache.SettingsCache;
import io.tongbao.shared.cache.SettingsCacheProperties;
import io.tongbao.shared.crypto.SealedSecrets;
import io.tongbao.shared.crypto.SecretCipher;
import io.tongbao.shared.id.Ids;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An app's HMAC secrets, sealed at rest. Rotation adds a version and gives the older ones an end, so that
 * during the overlap a merchant's fleet can move to the new secret without a failed request.
 */
@Component
class HmacSecrets implements SealedSecrets {

    /** 40 characters of a 32-symbol alphabet: 200 bits. */
    private static final int SECRET_LENGTH = 40;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    /** Every version not yet expired when read, newest first; filtered by the instant of each call. */
    private final SettingsCache<String, List<StoredSecret>> secrets;

    HmacSecrets(JdbcClient jdbc, SecretCipher cipher, SettingsCacheProperties caches) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.secrets = caches.cache();
    }

    /** A new secret for the app; the clear text is returned once and never stored. */
    @Transactional
    String issue(String appId, OffsetDateTime now, Duration overlap) {
        jdbc.sql("select id from app where id = :app for update")
                .param("app", appId)
                .query(String.class)
                .single();
        jdbc.sql("""
                        update app_hmac_secret set expires_at = :end
                        where app_id = :app and (expires_at is null or expires_at > :end)""").param("app", appId).param("end", now.plus(overlap)).update();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from app_hmac_secret where app_id = :app")
                .param("app", appId)
                .query(Integer.class)
                .single();
        String secret = "sk_" + Ids.randomToken(SECRET_LENGTH);
        jdbc.sql("""
                        insert into app_hmac_secret (app_id, version, secret_enc, created_at)
                        values (:app, :version, :secret, :now)""")
                .param("app", appId)
                .param("version", version)
                .param("secret", cipher.encrypt(secret, context(appId, version)))
                .param("now", now)
                .update();
        this.secrets.forget(appId);
        return secret;
    }

    /** The version of the app's newest secret, 0 before the first: what the audit trail records of a rotation. */
    int latestVersion(String appId) {
        return jdbc.sql("select coalesce(max(version), 0) from app_hmac_secret where app_id = :app")
                .param("app", appId)
                .query(Integer.class)
                .single();
    }

    /** The secrets that verify now, newest first, as cached. */
    List<HmacSecret> active(String appId, OffsetDateTime now) {
        return unexpired(secrets.get(appId, this::load), now);
    }

    /**
     * Read again from the database: for a signature that none of the cached secrets verified, since the app may
     * have been given a new secret on another node a moment ago.
     */
    List<HmacSecret> reloaded(String appId, OffsetDateTime now) {
        return unexpired(secrets.reload(appId, this::load), now);
    }

    private static List<HmacSecret> unexpired(List<StoredSecret> stored, OffsetDateTime now) {
        return stored.stream()
                .filter(secret ->
                        secret.expiresAt() == null || secret.expiresAt().isAfter(now))
                .map(StoredSecret::secret)
                .toList();
    }

    private List<StoredSecret> load(String appId) {
        return jdbc.sql("""
                        select version, secret_enc, expires_at from app_hmac_secret
                        where app_id = :app order by version desc""")
                .param("app", appId)
                .query((rs, row) -> new StoredSecret(
                        new HmacSecret(rs.getInt(1), cipher.decrypt(rs.getString(2), context(appId, rs.getInt(1)))),
                        rs.getObject(3, OffsetDateTime.class)))
                .list();
    }

    private record StoredSecret(HmacSecret secret, OffsetDateTime expiresAt) {}

    @Override
    public String name() {
        return "hmac_secrets";
    }

    @Override
    public int reseal() {
        List<Object[]> rows = jdbc.sql("select app_id, version, secret_enc from app_hmac_secret")
                .query((rs, row) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3)})
                .list();
        int count = 0;
        for (Object[] row : rows) {
            String sealed = (String) row[2];
            if (cipher.needsReencryption(sealed)) {
                String context = context((String) row[0], (Integer) row[1]);
                count += jdbc.sql(
                                "update app_hmac_secret set secret_enc = :new where app_id = :app and version = :version and secret_enc = :old")
                        .param("new", cipher.encrypt(cipher.decrypt(sealed, context), context))
                        .param("app", row[0])
                        .param("version", row[1])
                        .param("old", sealed)
                        .update();
            }
        }
        return count;
    }

    static String context(String appId, int version) {
        return "app:" + appId + ":hmac:" + version;
    }
}
