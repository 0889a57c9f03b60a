package io.tongbao.sandbox;

import java.util.List;

/**
 * Registers WeChat Pay merchants in-process, for a host that sets up its own demo merchant at start. The same as
 * {@code POST /sandbox/wechatpay/merchants}.
 */
public interface WechatPaySandbox {

    /** How the merchant verifies WeChat Pay's signatures; decides how its notifications are signed. */
    enum KeyMode {
        PUBLIC_KEY,
        CERTIFICATE
    }

    /**
     * @param requestedMchid    a mchid to keep across restarts (10 digits), or null for a new one
     * @param merchantPublicKey the public half of the merchant's API key, PEM or Base64 (X.509)
     * @param merchantSerialNo  the serial the merchant's requests name in Authorization
     * @param appids            appids bound to the merchant; empty for one made up
     * @param requestedApiV3Key a 32-character APIv3 key to keep, or null for a new one
     */
    Credentials registerMerchant(
            String requestedMchid,
            String merchantPublicKey,
            String merchantSerialNo,
            KeyMode keyMode,
            List<String> appids,
            String requestedApiV3Key);

    /**
     * What the merchant configures in wechatpay-java. WeChat Pay's keys are the merchant's own, made when it first
     * registers and kept in memory only: after a restart the merchant must take the new public key and certificate.
     */
    record Credentials(
            String mchid,
            List<String> appids,
            String apiV3Key,
            KeyMode keyMode,
            String wechatpayPublicKeyId,
            String wechatpayPublicKeyPem,
            String platformCertificateSerialNo,
            String platformCertificatePem) {}
}
