package io.tongbao.merchant;

import io.tongbao.shared.cache.SettingsCache;
import io.tongbao.shared.cache.SettingsCacheProperties;
import io.tongbao.shared.crypto.SealedSecrets;
import io.tongbao.shared.crypto.SecretCipher;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-app platform private key that signs an RSA2 app's responses (and, later, its webhooks). It never changes
 * once made (re-sealing keeps the key), so the parsed key is cached rather than read and decrypted per call.
 */
@Component
class PlatformKeys implements SealedSecrets {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final SettingsCache<String, PrivateKey> keys;

    PlatformKeys(JdbcClient jdbc, SecretCipher cipher, SettingsCacheProperties caches) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.keys = caches.cache();
    }

    // a loader answering null caches nothing (Caffeine), so an app without a platform key is looked up again
    Optional<PrivateKey> privateKey(String appId) {
        return Optional.ofNullable(keys.find(appId, id -> load(id).orElse(null)));
    }

    private Optional<PrivateKey> load(String appId) {
        return jdbc.sql(
                        "select platform_private_key_enc from app where id = :id and platform_private_key_enc is not null")
                .param("id", appId)
                .query(String.class)
                .optional()
                .map(sealedKey -> parse(cipher.decrypt(sealedKey, context(appId))));
    }

    @Override
    public String name() {
        return "platform_keys";
    }

    @Override
    public int reseal() {
        List<String[]> rows = jdbc.sql(
                        "select id, platform_private_key_enc from app where platform_private_key_enc is not null")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        int count = 0;
        for (String[] row : rows) {
            if (cipher.needsReencryption(row[1])) {
                String context = context(row[0]);
                count += jdbc.sql(
                                "update app set platform_private_key_enc = :new where id = :id and platform_private_key_enc = :old")
                        .param("new", cipher.encrypt(cipher.decrypt(row[1], context), context))
                        .param("id", row[0])
                        .param("old", row[1])
                        .update();
            }
        }
        return count;
    }

    static String context(String appId) {
        return "app:" + appId + ":platform-private-key";
    }

    private static PrivateKey parse(String base64) {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored platform key does not parse", e);
        }
    }
}
