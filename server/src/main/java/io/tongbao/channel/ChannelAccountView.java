package io.tongbao.channel;

import io.tongbao.shared.PayWay.Channel;
import io.tongbao.shared.crypto.RsaKeys;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel account as any API shows it: settings, and for each secret only that it is set and a
 * fingerprint of its public half where there is one. Public keys are shown as fingerprints too, so that
 * a screenshot of the console gives nothing away.
 */
public record ChannelAccountView(
        Channel channel, Map<String, Object> settings, Map<String, String> secrets, OffsetDateTime updatedAt) {

    static ChannelAccountView of(
            Channel channel, Map<String, Object> settings, Map<String, String> secrets, OffsetDateTime updatedAt) {
        Map<String, Object> shown = new LinkedHashMap<>(settings);
        for (String publicKeyField : new String[] {"alipay_public_key", "wechatpay_public_key"}) {
            Object pem = shown.get(publicKeyField);
            if (pem instanceof String text) {
                shown.put(publicKeyField, RsaKeys.fingerprint(RsaKeys.publicKey(text, publicKeyField)));
            }
        }
        Map<String, String> masked = new LinkedHashMap<>();
        secrets.forEach((name, value) -> masked.put(name, mask(name, value)));
        return new ChannelAccountView(channel, shown, masked, updatedAt);
    }

    private static String mask(String name, String value) {
        if (name.endsWith("private_key")) {
            return "set (public half " + RsaKeys.fingerprint(RsaKeys.publicOf(RsaKeys.privateKey(value, name))) + ")";
        }
        return "set (" + value.length() + " characters)";
    }
}
