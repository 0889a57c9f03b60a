package io.tongbao.sandbox.alipay;

import java.security.PublicKey;
import java.time.Instant;

/**
 * An app registered with the sandbox.
 *
 * @param sellerId the merchant's PID (2088…), sent as seller_id in notifications
 */
record AlipayApp(String appId, String sellerId, PublicKey appPublicKey, Instant registeredAt) {
}
