package io.tongbao.merchant;

import io.tongbao.shared.crypto.HmacSha256;
import io.tongbao.shared.crypto.RsaKeys;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.stereotype.Service;

/**
 * Signs what Tongbao sends to a merchant (webhooks) with the app's own scheme, as docs/webhooks.md defines:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} (one v1 per secret valid now, so a rotation never breaks a
 * receiver) or {@code t=<unix seconds>,rsa2=<base64 SHA256withRSA with the platform key>}, over
 * {@code <t>.<body>}.
 */
@Service
public class WebhookSignatures {

    private final MerchantStore store;
    private final HmacSecrets hmacSecrets;
    private final PlatformKeys platformKeys;
    private final Clock clock;

    WebhookSignatures(MerchantStore store, HmacSecrets hmacSecrets, PlatformKeys platformKeys, Clock clock) {
        this.store = store;
        this.hmacSecrets = hmacSecrets;
        this.platformKeys = platformKeys;
        this.clock = clock;
    }

    /** The app's default notify URL, when it has one. */
    public Optional<String> defaultNotifyUrl(String appId) {
        return store.app(appId).map(App::notifyUrl);
    }

    public String signatureHeader(String appId, long timestamp, byte[] body) {
        App app = store.app(appId).orElseThrow(() -> new IllegalStateException("no app " + appId));
        String content = timestamp + "." + new String(body, StandardCharsets.UTF_8);
        StringJoiner header = new StringJoiner(",").add("t=" + timestamp);
        switch (app.signType()) {
            case HMAC_SHA256 -> {
                List<HmacSecret> secrets = hmacSecrets.active(appId, OffsetDateTime.now(clock));
                for (HmacSecret secret : secrets) {
                    header.add("v1="
                            + HexFormat.of()
                                    .formatHex(
                                            HmacSha256.of(secret.secret().getBytes(StandardCharsets.UTF_8), content)));
                }
            }
            case RSA2 -> {
                PrivateKey key = platformKeys
                        .privateKey(appId)
                        .orElseThrow(() -> new IllegalStateException("RSA2 app " + appId + " has no platform key"));
                header.add("rsa2=" + RsaKeys.sign(key, content));
            }
        }
        return header.toString();
    }
}
