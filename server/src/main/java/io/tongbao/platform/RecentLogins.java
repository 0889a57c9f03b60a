package io.tongbao.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Operator logins that succeeded in the last {@code tongbao.operator-login.success-ttl}, so that a script calling the
 * operator API does not pay a BCrypt hash per call. Kept under an HMAC of name and password with a key made at start
 * and never stored: the memory holds no password and nothing that could be checked offline without the key. A
 * password changed on this node drops its entries at once; on another node the old password works here for at most
 * the TTL.
 */
@Component
class RecentLogins {

    private final byte[] key = new byte[32];
    private final Cache<String, String> usernames;

    RecentLogins(OperatorLoginProperties properties) {
        new SecureRandom().nextBytes(key);
        this.usernames = Caffeine.newBuilder()
                .expireAfterWrite(properties.successTtl())
                .maximumSize(10_000)
                .build();
    }

    boolean contains(String username, String password) {
        return username.equals(usernames.getIfPresent(fingerprint(username, password)));
    }

    void remember(String username, String password) {
        usernames.put(fingerprint(username, password), username);
    }

    void forget(String username) {
        usernames.asMap().values().removeIf(username::equals);
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
