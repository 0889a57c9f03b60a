package io.tongbao.gateway;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The strings signed on the merchant API, as docs/api.md defines them. Written independently of the SDK's
 * copy on purpose: the worked example in the docs is checked against both.
 */
final class CanonicalStrings {

    private CanonicalStrings() {}

    static String request(
            String method,
            String path,
            @Nullable String rawQuery,
            String appId,
            String timestamp,
            String nonce,
            byte[] body) {
        return String.join(
                "\n", method.toUpperCase(Locale.ROOT), path, query(rawQuery), appId, timestamp, nonce, sha256Hex(body));
    }

    static String response(int status, String requestNonce, String timestamp, String nonce, byte[] body) {
        return String.join("\n", Integer.toString(status), requestNonce, timestamp, nonce, sha256Hex(body));
    }

    static String query(@Nullable String rawQuery) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(parameters(rawQuery));
        pairs.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        List<String> encoded = new ArrayList<>(pairs.size());
        pairs.forEach(pair -> encoded.add(encode(pair.getKey()) + "=" + encode(pair.getValue())));
        return String.join("&", encoded);
    }

    /**
     * The query's parameters in the order sent, decoded as the signature decodes them ({@code +} is a plus, not a
     * space): the handler is given these same values, so that what was signed is what is read.
     *
     * @throws IllegalArgumentException for an invalid percent-escape
     */
    static List<Map.Entry<String, String>> parameters(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (!part.isEmpty()) {
                int eq = part.indexOf('=');
                pairs.add(Map.entry(
                        decode(eq < 0 ? part : part.substring(0, eq)), decode(eq < 0 ? "" : part.substring(eq + 1))));
            }
        }
        return pairs;
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
