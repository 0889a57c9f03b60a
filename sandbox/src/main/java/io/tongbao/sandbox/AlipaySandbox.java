package io.tongbao.sandbox;

/**
 * Registers Alipay apps in-process, for a host that sets up its own demo merchant at start. The same as
 * {@code POST /sandbox/alipay/apps}.
 */
public interface AlipaySandbox {

    /**
     * @param requestedAppId an app id to keep across restarts (16 digits), or null for a new one; registering an
     *                       app id again replaces its key
     * @param appPublicKey   the app's RSA public key, Base64 (X.509) or PEM
     */
    Credentials registerApp(String requestedAppId, String appPublicKey);

    /**
     * What the app configures in its Alipay client. {@code alipayPublicKey} is the app's own, made when it first
     * registers and kept in memory only, so after a restart the app must register again and take the new one.
     *
     * @param sellerId the merchant's PID (2088…), sent as seller_id in notifications
     */
    record Credentials(String appId, String sellerId, String alipayPublicKey) {}
}
