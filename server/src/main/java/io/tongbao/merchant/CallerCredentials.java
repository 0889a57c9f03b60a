package io.tongbao.merchant;

import java.security.PrivateKey;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What the merchant-API gateway needs to verify a request and sign its answer, and nothing more: the app a request
 * names, its HMAC secrets valid now, its platform key. Each is kept for {@code tongbao.api.settings-cache-ttl}; the
 * {@code reloaded} variants read again (at most once a second per app id), for a signature that what is cached does
 * not verify, since the app or its secret may have been made on another node a moment ago.
 */
@Service
public class CallerCredentials {

    private final ApiCredentials credentials;
    private final HmacSecrets hmacSecrets;
    private final PlatformKeys platformKeys;

    CallerCredentials(ApiCredentials credentials, HmacSecrets hmacSecrets, PlatformKeys platformKeys) {
        this.credentials = credentials;
        this.hmacSecrets = hmacSecrets;
        this.platformKeys = platformKeys;
    }

    /** Empty for an unknown app id (cached as absent too, so that unknown ids cost what known ones do). */
    public Optional<ApiCaller> caller(String appId) {
        return credentials.caller(appId);
    }

    public Optional<ApiCaller> reloadedCaller(String appId) {
        return credentials.reloaded(appId);
    }

    /** The secrets that verify now, newest first; none for an RSA2 app or an unknown id. */
    public List<HmacSecret> hmacSecrets(String appId, OffsetDateTime now) {
        return hmacSecrets.active(appId, now);
    }

    public List<HmacSecret> reloadedHmacSecrets(String appId, OffsetDateTime now) {
        return hmacSecrets.reloaded(appId, now);
    }

    /** The key that signs an RSA2 app's responses; empty for an HMAC app. */
    public Optional<PrivateKey> platformKey(String appId) {
        return platformKeys.privateKey(appId);
    }
}
