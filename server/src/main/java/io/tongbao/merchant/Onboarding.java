package io.tongbao.merchant;

import io.tongbao.shared.audit.AuditChange;
import io.tongbao.shared.audit.AuditTrail;
import io.tongbao.shared.crypto.RsaKeys;
import io.tongbao.shared.crypto.SecretCipher;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.web.ApiException;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating merchants and apps, suspending and re-activating them, handing out credentials. Each change is recorded
 * in the audit trail in its own transaction: credentials only as versions and fingerprints.
 */
@Service
public class Onboarding {

    static final Duration DEFAULT_ROTATION_OVERLAP = Duration.ofHours(24);

    private final MerchantStore store;
    private final HmacSecrets hmacSecrets;
    private final SecretCipher cipher;
    private final Clock clock;
    private final AuditTrail audit;

    Onboarding(MerchantStore store, HmacSecrets hmacSecrets, SecretCipher cipher, Clock clock, AuditTrail audit) {
        this.store = store;
        this.hmacSecrets = hmacSecrets;
        this.cipher = cipher;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public Merchant createMerchant(@Nullable String name) {
        Merchant merchant = new Merchant(Ids.next("mch"), requireName(name), Status.ACTIVE, now());
        store.insert(merchant);
        audit.record(AuditChange.of("merchant.created", "merchant", merchant.id())
                .merchant(merchant.id())
                .after(merchant));
        return merchant;
    }

    /**
     * A new app. HMAC apps get their secret here, once. RSA2 apps register their public key and get the
     * public half of a platform key pair generated for them.
     */
    @Transactional
    public AppCreated createApp(
            String merchantId,
            @Nullable String name,
            @Nullable String notifyUrl,
            @Nullable SignType signType,
            @Nullable String merchantPublicKey) {
        merchant(merchantId);
        if (signType == null) {
            throw ApiException.invalid("sign_type", "is required: RSA2 or HMAC_SHA256");
        }
        App app = new App(
                Ids.next("app"), merchantId, requireName(name), notifyUrl(notifyUrl), Status.ACTIVE, signType, now());
        return switch (signType) {
            case HMAC_SHA256 -> {
                if (merchantPublicKey != null && !merchantPublicKey.isBlank()) {
                    throw ApiException.invalid("merchant_public_key", "is only for RSA2 apps");
                }
                store.insert(app, null, null, null);
                String secret = hmacSecrets.issue(app.id(), app.createdAt(), Duration.ZERO);
                recordAppCreated(app, Map.of("hmac_secret_version", hmacSecrets.latestVersion(app.id())));
                yield new AppCreated(app, secret, null);
            }
            case RSA2 -> {
                PublicKey merchantPublic = RsaKeys.publicKey(merchantPublicKey, "merchant_public_key");
                String merchantKey = RsaKeys.pem(merchantPublic);
                KeyPair platform = RsaKeys.generate();
                String platformPublic = RsaKeys.pem(platform.getPublic());
                store.insert(
                        app,
                        merchantKey,
                        platformPublic,
                        cipher.encrypt(RsaKeys.base64(platform.getPrivate()), PlatformKeys.context(app.id())));
                recordAppCreated(
                        app,
                        Map.of(
                                "merchant_public_key_fingerprint", RsaKeys.fingerprint(merchantPublic),
                                "platform_public_key_fingerprint", RsaKeys.fingerprint(platform.getPublic())));
                yield new AppCreated(app, null, platformPublic);
            }
        };
    }

    private void recordAppCreated(App app, Map<String, Object> credentials) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("app", app);
        after.putAll(credentials);
        audit.record(AuditChange.of("app.created", "app", app.id())
                .merchant(app.merchantId())
                .after(after));
    }

    public Merchant merchant(String merchantId) {
        return store.merchant(merchantId).orElseThrow(() -> ApiException.notFound("merchant", merchantId));
    }

    public App app(String appId) {
        return store.app(appId).orElseThrow(() -> ApiException.notFound("app", appId));
    }

    @Transactional
    public Merchant changeMerchantStatus(String merchantId, Status to) {
        Merchant merchant = merchant(merchantId);
        if (merchant.status() == to) {
            return merchant;
        }
        if (!store.changeMerchantStatus(merchantId, merchant.status(), to, now())) {
            throw ApiException.conflict("CONCURRENT_UPDATE", "merchant " + merchantId + " changed meanwhile; retry");
        }
        audit.record(AuditChange.of("merchant." + statusVerb(to), "merchant", merchantId)
                .merchant(merchantId)
                .before(Map.of("status", merchant.status()))
                .after(Map.of("status", to)));
        return merchant(merchantId);
    }

    @Transactional
    public App changeAppStatus(String appId, Status to) {
        App app = app(appId);
        if (app.status() == to) {
            return app;
        }
        if (!store.changeAppStatus(appId, app.status(), to, now())) {
            throw ApiException.conflict("CONCURRENT_UPDATE", "app " + appId + " changed meanwhile; retry");
        }
        audit.record(AuditChange.of("app." + statusVerb(to), "app", appId)
                .merchant(app.merchantId())
                .before(Map.of("status", app.status()))
                .after(Map.of("status", to)));
        return app(appId);
    }

    private static String statusVerb(Status to) {
        return switch (to) {
            case ACTIVE -> "activated";
            case SUSPENDED -> "suspended";
        };
    }

    @Transactional
    public RotatedSecret rotateHmacSecret(String appId, Duration overlap) {
        App app = app(appId);
        if (app.signType() != SignType.HMAC_SHA256) {
            throw ApiException.rule("WRONG_SIGN_TYPE", "app " + appId + " signs with " + app.signType() + ", not HMAC");
        }
        if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(7)) > 0) {
            throw ApiException.invalid("overlap_hours", "must be between 0 and 168");
        }
        OffsetDateTime now = now();
        int before = hmacSecrets.latestVersion(appId);
        String secret = hmacSecrets.issue(appId, now, overlap);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("hmac_secret_version", hmacSecrets.latestVersion(appId));
        after.put("previous_versions_valid_until", now.plus(overlap));
        audit.record(AuditChange.of("app.hmac_secret.rotated", "app", appId)
                .merchant(app.merchantId())
                .before(Map.of("hmac_secret_version", before))
                .after(after));
        return new RotatedSecret(secret, now.plus(overlap));
    }

    @Transactional
    public App replaceMerchantPublicKey(String appId, @Nullable String pem) {
        App app = app(appId);
        if (app.signType() != SignType.RSA2) {
            throw ApiException.rule("WRONG_SIGN_TYPE", "app " + appId + " signs with " + app.signType() + ", not RSA2");
        }
        PublicKey key = RsaKeys.publicKey(pem, "merchant_public_key");
        @Nullable
        String before = store.merchantPublicKey(appId)
                .map(old -> RsaKeys.fingerprint(RsaKeys.publicKey(old, "merchant_public_key")))
                .orElse(null);
        store.replaceMerchantPublicKey(appId, RsaKeys.pem(key), now());
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("merchant_public_key_fingerprint", before);
        audit.record(AuditChange.of("app.merchant_public_key.replaced", "app", appId)
                .merchant(app.merchantId())
                .before(previous)
                .after(Map.of("merchant_public_key_fingerprint", RsaKeys.fingerprint(key))));
        return app;
    }

    @Transactional
    public App changeNotifyUrl(String appId, @Nullable String notifyUrl) {
        App before = app(appId);
        store.changeNotifyUrl(appId, notifyUrl(notifyUrl), now());
        App after = app(appId);
        audit.record(AuditChange.of("app.notify_url.changed", "app", appId)
                .merchant(before.merchantId())
                .before(notifyUrlOf(before))
                .after(notifyUrlOf(after)));
        return after;
    }

    /** Whether the merchant's own staff may upload its apps' channel keys in the console (false until allowed). */
    public boolean channelSelfService(String merchantId) {
        merchant(merchantId);
        return store.channelSelfService(merchantId);
    }

    @Transactional
    public void changeChannelSelfService(String merchantId, boolean allowed) {
        boolean before = channelSelfService(merchantId);
        if (before == allowed) {
            return;
        }
        store.changeChannelSelfService(merchantId, allowed, now());
        audit.record(AuditChange.of("merchant.channel_self_service.changed", "merchant", merchantId)
                .merchant(merchantId)
                .before(Map.of("channel_self_service", before))
                .after(Map.of("channel_self_service", allowed)));
    }

    /** An RSA2 app's platform public key (PEM), which the merchant verifies answers with; empty for HMAC apps. */
    public Optional<String> platformPublicKey(String appId) {
        app(appId);
        return store.platformPublicKey(appId);
    }

    private static Map<String, @Nullable Object> notifyUrlOf(App app) {
        Map<String, @Nullable Object> url = new LinkedHashMap<>();
        url.put("notify_url", app.notifyUrl());
        return url;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static String requireName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalid("name", "is required");
        }
        if (name.length() > 128) {
            throw ApiException.invalid("name", "must have at most 128 characters");
        }
        return name.strip();
    }

    static @Nullable String notifyUrl(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ApiException.invalid("notify_url", "must be an absolute http(s) URL");
            }
            if (uri.getUserInfo() != null) {
                throw ApiException.invalid("notify_url", "must not carry credentials");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("notify_url", "is not a URL");
        }
    }

    public record AppCreated(
            App app, @Nullable String hmacSecret, @Nullable String platformPublicKey) {
        @Override
        public String toString() {
            return "AppCreated[app=" + app + ", hmacSecret=****]";
        }
    }

    public record RotatedSecret(String hmacSecret, OffsetDateTime previousValidUntil) {
        @Override
        public String toString() {
            return "RotatedSecret[hmacSecret=****, previousValidUntil=" + previousValidUntil + "]";
        }
    }
}
