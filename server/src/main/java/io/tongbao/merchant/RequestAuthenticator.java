package io.tongbao.merchant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Decides whether a signed request comes from the app it names. The order matters: the signature is checked
 * before the nonce is spent, so a forger cannot burn a merchant's nonces, and status is checked last so a
 * suspended app learns it is suspended only from a correctly signed request.
 */
@Component
class RequestAuthenticator {

    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Pattern NONCE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final ApiCredentials credentials;
    private final HmacSecrets hmacSecrets;
    private final PlatformKeys platformKeys;
    private final NonceStore nonces;
    private final Clock clock;

    RequestAuthenticator(ApiCredentials credentials, HmacSecrets hmacSecrets, PlatformKeys platformKeys,
                         NonceStore nonces, Clock clock) {
        this.credentials = credentials;
        this.hmacSecrets = hmacSecrets;
        this.platformKeys = platformKeys;
        this.nonces = nonces;
        this.clock = clock;
    }

    record SignedRequest(String method, String path, String rawQuery, String appId, String timestamp, String nonce,
                         String signature, byte[] body) {
    }

    /** The verified caller and the key to answer with; or the refusal. */
    sealed interface Outcome permits Accepted, Refused {
    }

    record Accepted(ApiCredentials.Caller caller, ResponseSigner signer) implements Outcome {
    }

    record Refused(HttpStatus status, String code, String message) implements Outcome {
    }

    Outcome authenticate(SignedRequest request) {
        if (request.appId() == null || request.timestamp() == null || request.nonce() == null
                || request.signature() == null) {
            return new Refused(HttpStatus.UNAUTHORIZED, "MISSING_SIGNATURE",
                    "send Tongbao-App-Id, Tongbao-Timestamp, Tongbao-Nonce and Tongbao-Signature");
        }
        if (!NONCE_FORMAT.matcher(request.nonce()).matches()) {
            return new Refused(HttpStatus.UNAUTHORIZED, "INVALID_NONCE", "Tongbao-Nonce must be 16 to 64 characters of A-Z a-z 0-9 _ -");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long timestamp;
        try {
            timestamp = Long.parseLong(request.timestamp());
        } catch (NumberFormatException e) {
            return new Refused(HttpStatus.UNAUTHORIZED, "INVALID_TIMESTAMP", "Tongbao-Timestamp must be Unix seconds");
        }
        if (Math.abs(now.toEpochSecond() - timestamp) > WINDOW.toSeconds()) {
            return new Refused(HttpStatus.UNAUTHORIZED, "TIMESTAMP_OUT_OF_WINDOW",
                    "Tongbao-Timestamp is more than 5 minutes from the server's time " + now.toEpochSecond());
        }
        Optional<ApiCredentials.Caller> found = credentials.caller(request.appId());
        if (found.isEmpty()) {
            return invalidSignature();
        }
        ApiCredentials.Caller caller = found.get();
        String canonical = CanonicalStrings.request(request.method(), request.path(), request.rawQuery(),
                request.appId(), request.timestamp(), request.nonce(), request.body());
        Optional<ResponseSigner> signer = switch (caller.signType()) {
            case HMAC_SHA256 -> verifyHmac(caller.appId(), canonical, request.signature(), now);
            case RSA2 -> verifyRsa(caller, canonical, request.signature());
        };
        if (signer.isEmpty()) {
            return invalidSignature();
        }
        if (!nonces.spend(caller.appId(), request.nonce(), now.plus(WINDOW.multipliedBy(2)))) {
            return new Refused(HttpStatus.UNAUTHORIZED, "NONCE_REUSED", "this Tongbao-Nonce was already used: a replay?");
        }
        if (caller.merchantStatus() != Status.ACTIVE) {
            return new Refused(HttpStatus.FORBIDDEN, "MERCHANT_SUSPENDED", "the merchant is suspended");
        }
        if (caller.appStatus() != Status.ACTIVE) {
            return new Refused(HttpStatus.FORBIDDEN, "APP_SUSPENDED", "the app is suspended");
        }
        return new Accepted(caller, signer.get());
    }

    private Optional<ResponseSigner> verifyHmac(String appId, String canonical, String signature, OffsetDateTime now) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return verifyHmac(hmacSecrets.active(appId, now), canonical, given)
                .or(() -> verifyHmac(hmacSecrets.reloaded(appId, now), canonical, given));
    }

    private static Optional<ResponseSigner> verifyHmac(List<HmacSecrets.VersionedSecret> secrets, String canonical,
                                                       byte[] given) {
        for (HmacSecrets.VersionedSecret secret : secrets) {
            byte[] key = secret.secret().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(hmac(key, canonical), given)) {
                // answer with the secret the merchant used, so that a client not yet rotated can verify us
                return Optional.of(content -> Base64.getEncoder().encodeToString(hmac(key, content)));
            }
        }
        return Optional.empty();
    }

    private Optional<ResponseSigner> verifyRsa(ApiCredentials.Caller caller, String canonical, String signature) {
        if (caller.merchantPublicKey() == null
                || !RsaKeys.verify(RsaKeys.publicKey(caller.merchantPublicKey(), "merchant_public_key"), canonical, signature)) {
            return Optional.empty();
        }
        PrivateKey platformKey = platformKeys.privateKey(caller.appId())
                .orElseThrow(() -> new IllegalStateException("RSA2 app " + caller.appId() + " has no platform key"));
        return Optional.of(content -> RsaKeys.sign(platformKey, content));
    }

    static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Refused invalidSignature() {
        // one answer for an unknown app and a wrong signature: app ids are not enumerable through us
        return new Refused(HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE",
                "Tongbao-Signature does not verify for this app; see docs/api.md for the string to sign");
    }
}
