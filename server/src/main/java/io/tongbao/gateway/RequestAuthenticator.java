package io.tongbao.gateway;

import io.tongbao.merchant.ApiCaller;
import io.tongbao.merchant.CallerCredentials;
import io.tongbao.merchant.HmacSecret;
import io.tongbao.merchant.SignType;
import io.tongbao.merchant.Status;
import io.tongbao.shared.crypto.HmacSha256;
import io.tongbao.shared.crypto.RsaKeys;
import io.tongbao.shared.id.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
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
    private static final int HMAC_BYTES = 32;

    private final CallerCredentials credentials;
    private final NonceStore nonces;
    private final Clock clock;
    /** Keys of this process only, of the same kinds as apps have: what an unknown app's signature is checked against. */
    private final List<HmacSecret> dummySecrets = List.of(new HmacSecret(1, "sk_" + Ids.randomToken(40)));

    private final String dummyPublicKey = RsaKeys.pem(RsaKeys.generate().getPublic());

    RequestAuthenticator(CallerCredentials credentials, NonceStore nonces, Clock clock) {
        this.credentials = credentials;
        this.nonces = nonces;
        this.clock = clock;
    }

    record SignedRequest(
            String method,
            String path,
            @Nullable String rawQuery,
            @Nullable String appId,
            @Nullable String timestamp,
            @Nullable String nonce,
            @Nullable String signature,
            byte[] body) {}

    /** The verified caller and the key to answer with; or the refusal. */
    sealed interface Outcome permits Accepted, Refused {}

    /** What {@link #verify} found: a signature that verifies (nothing spent yet), or the refusal. */
    sealed interface Verification permits Verified, Refused {}

    record Accepted(ApiCaller caller, ResponseSigner signer) implements Outcome {}

    record Verified(ApiCaller caller, ResponseSigner signer, String nonce, OffsetDateTime at) implements Verification {}

    record Refused(HttpStatus status, String code, String message) implements Outcome, Verification {}

    /** {@link #verify} then {@link #admit}. */
    Outcome authenticate(SignedRequest request) {
        return switch (verify(request)) {
            case Refused refused -> refused;
            case Verified verified -> admit(verified);
        };
    }

    /**
     * The headers and the signature, without writing anything: a forged request ends here, and costs at most a cached
     * lookup and one database read a second per app id.
     *
     * <p>Whether the app exists must not show in the time this takes (docs/security.md). So an unknown app and a
     * wrong signature on a real one do the same work: the kind of check follows the shape of the signature (32 bytes:
     * an HMAC, anything else: an RSA verification), against a dummy key of this process where the app has no key of
     * that kind; and a signature that does not verify is checked once more after exactly one (bounded) reload, of the
     * app's secrets for an HMAC app, of the app itself otherwise.
     */
    Verification verify(SignedRequest request) {
        if (request.appId() == null
                || request.timestamp() == null
                || request.nonce() == null
                || request.signature() == null) {
            return new Refused(
                    HttpStatus.UNAUTHORIZED,
                    "MISSING_SIGNATURE",
                    "send Tongbao-App-Id, Tongbao-Timestamp, Tongbao-Nonce and Tongbao-Signature");
        }
        if (!NONCE_FORMAT.matcher(request.nonce()).matches()) {
            return new Refused(
                    HttpStatus.UNAUTHORIZED,
                    "INVALID_NONCE",
                    "Tongbao-Nonce must be 16 to 64 characters of A-Z a-z 0-9 _ -");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long timestamp;
        try {
            timestamp = Long.parseLong(request.timestamp());
        } catch (NumberFormatException e) {
            return new Refused(HttpStatus.UNAUTHORIZED, "INVALID_TIMESTAMP", "Tongbao-Timestamp must be Unix seconds");
        }
        if (Math.abs(now.toEpochSecond() - timestamp) > WINDOW.toSeconds()) {
            return new Refused(
                    HttpStatus.UNAUTHORIZED,
                    "TIMESTAMP_OUT_OF_WINDOW",
                    "Tongbao-Timestamp is more than 5 minutes from the server's time " + now.toEpochSecond());
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(request.signature());
        } catch (IllegalArgumentException e) {
            return invalidSignature();
        }
        String canonical = CanonicalStrings.request(
                request.method(),
                request.path(),
                request.rawQuery(),
                request.appId(),
                request.timestamp(),
                request.nonce(),
                request.body());
        Optional<ApiCaller> cached = credentials.caller(request.appId());
        Optional<Verified> verified = check(request, canonical, given, cached, credentials::hmacSecrets, now);
        if (verified.isEmpty()) {
            // what verifies may be newer than what is cached: a secret rotated or an app created on another node
            verified = cached.isPresent() && cached.get().signType() == SignType.HMAC_SHA256
                    ? check(request, canonical, given, cached, credentials::reloadedHmacSecrets, now)
                    : check(
                            request,
                            canonical,
                            given,
                            credentials.reloadedCaller(request.appId()),
                            credentials::hmacSecrets,
                            now);
        }
        return verified.<Verification>map(found -> found).orElseGet(RequestAuthenticator::invalidSignature);
    }

    /** Spends the nonce, then checks the status: in the caller's transaction, only for a signature that verified. */
    Outcome admit(Verified verified) {
        ApiCaller caller = verified.caller();
        if (!nonces.spend(caller.appId(), verified.nonce(), verified.at().plus(WINDOW.multipliedBy(2)))) {
            return new Refused(
                    HttpStatus.UNAUTHORIZED, "NONCE_REUSED", "this Tongbao-Nonce was already used: a replay?");
        }
        if (caller.merchantStatus() != Status.ACTIVE) {
            return new Refused(HttpStatus.FORBIDDEN, "MERCHANT_SUSPENDED", "the merchant is suspended");
        }
        if (caller.appStatus() != Status.ACTIVE) {
            return new Refused(HttpStatus.FORBIDDEN, "APP_SUSPENDED", "the app is suspended");
        }
        return new Accepted(caller, verified.signer());
    }

    private Optional<Verified> check(
            SignedRequest request,
            String canonical,
            byte[] given,
            Optional<ApiCaller> found,
            Secrets secrets,
            OffsetDateTime now) {
        String appId = Objects.requireNonNull(request.appId(), "verify refuses a request without an app id");
        String signature = Objects.requireNonNull(request.signature(), "verify refuses a request without a signature");
        String nonce = Objects.requireNonNull(request.nonce(), "verify refuses a request without a nonce");
        boolean hmacShaped = given.length == HMAC_BYTES;
        ApiCaller caller = found.orElse(null);
        // looked up whatever the app is (none for an RSA2 app or an unknown id): every path reads the same caches
        List<HmacSecret> hmacSecrets = secrets.of(appId, now);
        Optional<ResponseSigner> signer;
        if (caller != null && caller.signType() == SignType.HMAC_SHA256 && hmacShaped) {
            signer = verifyHmac(hmacSecrets, canonical, given);
        } else if (caller != null
                && caller.signType() == SignType.RSA2
                && !hmacShaped
                && caller.merchantPublicKey() != null) {
            signer = verifyRsa(caller.merchantPublicKey(), canonical, signature)
                    ? Optional.of(platformSigner(caller))
                    : Optional.empty();
        } else if (hmacShaped) {
            verifyHmac(dummySecrets, canonical, given); // the work a real HMAC app's check does; never verifies
            signer = Optional.empty();
        } else {
            verifyRsa(dummyPublicKey, canonical, signature); // the work a real RSA2 app's check does
            signer = Optional.empty();
        }
        if (signer.isEmpty() || caller == null) {
            return Optional.empty();
        }
        return Optional.of(new Verified(caller, signer.get(), nonce, now));
    }

    @FunctionalInterface
    private interface Secrets {
        List<HmacSecret> of(String appId, OffsetDateTime now);
    }

    private static Optional<ResponseSigner> verifyHmac(List<HmacSecret> secrets, String canonical, byte[] given) {
        for (HmacSecret secret : secrets) {
            byte[] key = secret.secret().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(HmacSha256.of(key, canonical), given)) {
                // answer with the secret the merchant used, so that a client not yet rotated can verify us
                return Optional.of(content -> Base64.getEncoder().encodeToString(HmacSha256.of(key, content)));
            }
        }
        return Optional.empty();
    }

    private static boolean verifyRsa(String publicKey, String canonical, String signature) {
        return RsaKeys.verify(RsaKeys.publicKey(publicKey, "merchant_public_key"), canonical, signature);
    }

    private ResponseSigner platformSigner(ApiCaller caller) {
        PrivateKey platformKey = credentials
                .platformKey(caller.appId())
                .orElseThrow(() -> new IllegalStateException("RSA2 app " + caller.appId() + " has no platform key"));
        return content -> RsaKeys.sign(platformKey, content);
    }

    static Refused invalidSignature() {
        // one answer for an unknown app and a wrong signature: app ids are not enumerable through us
        return new Refused(
                HttpStatus.UNAUTHORIZED,
                "INVALID_SIGNATURE",
                "Tongbao-Signature does not verify for this app; see docs/api.md for the string to sign");
    }
}
