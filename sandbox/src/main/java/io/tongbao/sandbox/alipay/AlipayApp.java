package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.support.Rsa;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;

/**
 * An app registered with the sandbox.
 *
 * @param sellerId    the merchant's PID (2088…), sent as seller_id in notifications
 * @param alipayKeys  "Alipay's" key pair for this app: Alipay gives every app its own alipay_public_key, and signs
 *                    what it sends the app (answers, notifications, returns) with the private half. The SDK refuses
 *                    an Alipay public key equal to the app's own, so it is never the app's key either.
 */
record AlipayApp(String appId, String sellerId, PublicKey appPublicKey, KeyPair alipayKeys, Instant registeredAt) {

    String alipayPublicKeyBase64() {
        return Rsa.base64(alipayKeys.getPublic());
    }

    /** Alipay signs UTF-8 bytes: the only charset the sandbox accepts. */
    String sign(SignType type, String content) {
        return Rsa.sign(type.algorithm(), alipayKeys.getPrivate(), content, StandardCharsets.UTF_8);
    }
}
