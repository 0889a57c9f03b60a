package io.tongbao.sandbox.alipay;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The two ways Alipay turns parameters into the text that is signed. */
final class AlipaySigning {

    private AlipaySigning() {}

    /** Requests ("V2"): every non-empty parameter except sign, sorted, raw {@code k=v&k=v}; sign_type included. */
    static String contentV2(Map<String, String> params) {
        return join(params, "sign");
    }

    /** Notifications ("V1"): as V2, but sign_type is left out too. */
    static String contentV1(Map<String, String> params) {
        return join(params, "sign", "sign_type");
    }

    /** Flips one Base64 character so that the signature still parses but no longer verifies. */
    static String corrupt(String signature) {
        char first = signature.charAt(0);
        return (first == 'A' ? 'B' : 'A') + signature.substring(1);
    }

    private static String join(Map<String, String> params, String... excluded) {
        Map<String, String> sorted = new TreeMap<>(params);
        for (String key : excluded) {
            sorted.remove(key);
        }
        return sorted.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }
}
