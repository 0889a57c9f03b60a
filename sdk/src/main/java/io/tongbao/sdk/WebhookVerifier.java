package io.tongbao.sdk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook comes from Tongbao (docs/webhooks.md): the {@code Tongbao-Signature} header
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=…]} or {@code t=…,rsa2=<base64>} over {@code <t>.<raw body>},
 * and a timestamp within the tolerance (default 5 minutes). Pass the raw body bytes as received, before any JSON
 * parsing. Dedupe the returned event by its id: a delivery may come more than once.
 */
public final class WebhookVerifier {

    private final List<byte[]> hmacSecrets;
    private final PublicKey platformKey;
    private Duration tolerance = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WebhookVerifier(List<byte[]> hmacSecrets, PublicKey platformKey) {
        this.hmacSecrets = hmacSecrets;
        this.platformKey = platformKey;
    }

    /** For HMAC apps; give both secrets during a rotation. */
    public static WebhookVerifier hmac(String... secrets) {
        List<byte[]> keys = new ArrayList<>();
        for (String secret : secrets) {
            keys.add(secret.getBytes(StandardCharsets.UTF_8));
        }
        return new WebhookVerifier(keys, null);
    }

    /** For RSA2 apps: the app's platform public key (GET /api/v1/app/platform-key). */
    public static WebhookVerifier rsa2(String platformPublicKeyPem) {
        return new WebhookVerifier(List.of(), Pem.rsaPublicKey(platformPublicKeyPem));
    }

    public WebhookVerifier tolerance(Duration tolerance) {
        this.tolerance = tolerance;
        return this;
    }

    public WebhookVerifier clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** An event that passed verification. {@code data} is the object as it was when the event happened. */
    public record Event(
            String id, String type, String apiVersion, String createdAt, String appId, Map<String, Object> data) {}

    public Event verify(byte[] body, String signatureHeader) {
        if (signatureHeader == null) {
            throw invalid("no Tongbao-Signature header");
        }
        Long timestamp = null;
        List<String> hmacs = new ArrayList<>();
        String rsa = null;
        for (String part : signatureHeader.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            switch (name) {
                case "t" -> timestamp = parse(value);
                case "v1" -> hmacs.add(value);
                case "rsa2" -> rsa = value;
                default -> {
                    // unknown schemes are ignored, so that Tongbao can add one without breaking receivers
                }
            }
        }
        if (timestamp == null) {
            throw invalid("no timestamp in Tongbao-Signature");
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            throw invalid("timestamp outside the tolerance: a replay, or a clock far off");
        }
        byte[] content = concat(timestamp + ".", body);
        if (!(matchesHmac(content, hmacs) || matchesRsa(content, rsa))) {
            throw invalid("signature does not verify");
        }
        try {
            Map<?, ?> event = json.readValue(body, Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) event.get("data");
            return new Event(
                    (String) event.get("id"),
                    (String) event.get("type"),
                    (String) event.get("api_version"),
                    (String) event.get("created_at"),
                    (String) event.get("app_id"),
                    data);
        } catch (IOException e) {
            throw invalid("body is not a Tongbao event");
        }
    }

    private boolean matchesHmac(byte[] content, List<String> given) {
        for (byte[] secret : hmacSecrets) {
            byte[] expected = hmac(secret, content);
            for (String candidate : given) {
                try {
                    if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(candidate))) {
                        return true;
                    }
                } catch (IllegalArgumentException ignored) {
                    // not hex: not ours
                }
            }
        }
        return false;
    }

    private boolean matchesRsa(byte[] content, String signature) {
        if (platformKey == null || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(platformKey);
            verifier.update(content);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] hmac(byte[] secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static Long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static TongbaoException invalid(String why) {
        return new TongbaoException(0, "INVALID_WEBHOOK_SIGNATURE", why, null, null);
    }
}
