package io.tongbao.sdk;

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

/**
 * The exact strings that Tongbao signs, as written down in docs/api.md. Kept in one place so that the
 * client, the webhook verifier and anyone porting the SDK read one definition.
 */
public final class CanonicalRequest {

    private CanonicalRequest() {}

    /**
     * {@code METHOD \n PATH \n CANONICAL_QUERY \n APP_ID \n TIMESTAMP \n NONCE \n HEX(SHA-256(BODY))}, no trailing newline.
     *
     * @param rawQuery the query string as it goes on the wire (percent-encoded), or null
     */
    public static String requestString(
            String method, String path, String rawQuery, String appId, long timestamp, String nonce, byte[] body) {
        return String.join(
                "\n",
                method.toUpperCase(Locale.ROOT),
                path,
                canonicalQuery(rawQuery),
                appId,
                Long.toString(timestamp),
                nonce,
                sha256Hex(body));
    }

    /** {@code STATUS \n REQUEST_NONCE \n TIMESTAMP \n NONCE \n HEX(SHA-256(BODY))}: binds a response to the request it answers. */
    public static String responseString(int status, String requestNonce, long timestamp, String nonce, byte[] body) {
        return String.join(
                "\n", Integer.toString(status), requestNonce, Long.toString(timestamp), nonce, sha256Hex(body));
    }

    /**
     * Query parameters decoded, sorted by name then value, each re-encoded with RFC 3986 rules (UTF-8, only
     * {@code A-Z a-z 0-9 - _ . ~} left bare), joined as {@code name=value&...}. Empty when there is no query.
     */
    public static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(Map.entry(decode(name), decode(value)));
        }
        pairs.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encode(pair.getKey())).append('=').append(encode(pair.getValue()));
        }
        return out.toString();
    }

    /** RFC 3986 percent-encoding: what {@link #canonicalQuery} uses, and what the client puts on the wire. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public static String sha256Hex(byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
