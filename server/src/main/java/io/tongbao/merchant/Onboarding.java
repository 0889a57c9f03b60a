package io.tongbao.merchant;

import io.tongbao.shared.crypto.RsaKeys;
import io.tongbao.shared.crypto.SecretCipher;
import io.tongbao.shared.id.Ids;
import io.tongbao.shared.web.ApiException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating merchants and apps, suspending and re-activating them, handing out credentials. */
@Service
class Onboarding {

    static final Duration DEFAULT_ROTATION_OVERLAP = Duration.ofHours(24);

    private final MerchantStore store;
    private final HmacSecrets hmacSecrets;
    private final SecretCipher cipher;
    private final Clock clock;

    Onboarding(MerchantStore store, HmacSecrets hmacSecrets, SecretCipher cipher, Clock clock) {
        this.store = store;
        this.hmacSecrets = hmacSecrets;
        this.cipher = cipher;
        this.clock = clock;
    }

    Merchant createMerchant(@Nullable String name) {
        Merchant merchant = new Merchant(Ids.next("mch"), requireName(name), Status.ACTIVE, now());
        store.insert(merchant);
        return merchant;
    }

    /**
     * A new app. HMAC apps get their secret here, once. RSA2 apps register their public key and get the
     * public half of a platform key pair generated for them.
     */
    @Transactional
    AppCreated createApp(
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
                yield new AppCreated(app, hmacSecrets.issue(app.id(), app.createdAt(), Duration.ZERO), null);
            }
            case RSA2 -> {
                String merchantKey = RsaKeys.pem(RsaKeys.publicKey(merchantPublicKey, "merchant_public_key"));
                KeyPair platform = RsaKeys.generate();
                String platformPublic = RsaKeys.pem(platform.getPublic());
                store.insert(
                        app,
                        merchantKey,
                        platformPublic,
                        cipher.encrypt(RsaKeys.base64(platform.getPrivate()), PlatformKeys.context(app.id())));
                yield new AppCreated(app, null, platformPublic);
            }
        };
    }

    Merchant merchant(String merchantId) {
        return store.merchant(merchantId).orElseThrow(() -> ApiException.notFound("merchant", merchantId));
    }

    App app(String appId) {
        return store.app(appId).orElseThrow(() -> ApiException.notFound("app", appId));
    }

    Merchant changeMerchantStatus(String merchantId, Status to) {
        Merchant merchant = merchant(merchantId);
        if (merchant.status() != to && !store.changeMerchantStatus(merchantId, merchant.status(), to, now())) {
            throw ApiException.conflict("CONCURRENT_UPDATE", "merchant " + merchantId + " changed meanwhile; retry");
        }
        return merchant(merchantId);
    }

    App changeAppStatus(String appId, Status to) {
        App app = app(appId);
        if (app.status() != to && !store.changeAppStatus(appId, app.status(), to, now())) {
            throw ApiException.conflict("CONCURRENT_UPDATE", "app " + appId + " changed meanwhile; retry");
        }
        return app(appId);
    }

    RotatedSecret rotateHmacSecret(String appId, Duration overlap) {
        App app = app(appId);
        if (app.signType() != SignType.HMAC_SHA256) {
            throw ApiException.rule("WRONG_SIGN_TYPE", "app " + appId + " signs with " + app.signType() + ", not HMAC");
        }
        if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(7)) > 0) {
            throw ApiException.invalid("overlap_hours", "must be between 0 and 168");
        }
        OffsetDateTime now = now();
        return new RotatedSecret(hmacSecrets.issue(appId, now, overlap), now.plus(overlap));
    }

    App replaceMerchantPublicKey(String appId, @Nullable String pem) {
        App app = app(appId);
        if (app.signType() != SignType.RSA2) {
            throw ApiException.rule("WRONG_SIGN_TYPE", "app " + appId + " signs with " + app.signType() + ", not RSA2");
        }
        store.replaceMerchantPublicKey(appId, RsaKeys.pem(RsaKeys.publicKey(pem, "merchant_public_key")), now());
        return app;
    }

    App changeNotifyUrl(String appId, @Nullable String notifyUrl) {
        app(appId);
        store.changeNotifyUrl(appId, notifyUrl(notifyUrl), now());
        return app(appId);
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

    record AppCreated(
            App app, @Nullable String hmacSecret, @Nullable String platformPublicKey) {
        @Override
        public String toString() {
            return "AppCreated[app=" + app + ", hmacSecret=****]";
        }
    }

    record RotatedSecret(String hmacSecret, OffsetDateTime previousValidUntil) {
        @Override
        public String toString() {
            return "RotatedSecret[hmacSecret=****, previousValidUntil=" + previousValidUntil + "]";
        }
    }
}
