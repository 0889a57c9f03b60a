package io.tongbao.bench;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's Alipay, mounted in the application under test, as a merchant's operator and a buyer use it:
 * registering an Alipay app (what Alipay's open platform console does) and paying as the buyer.
 */
final class SandboxAlipay {

    private final JsonHttp sandbox;

    SandboxAlipay(String baseUrl) {
        this.sandbox = JsonHttp.anonymous(baseUrl);
    }

    /** Registers a new Alipay app with the sandbox and hands its credentials to the operator for the Tongbao app. */
    void connect(OperatorApi operator, String appId) {
        KeyPair keys = rsaKeyPair();
        Base64.Encoder base64 = Base64.getEncoder();
        JsonNode registered = sandbox.post(
                "/sandbox/alipay/apps",
                Map.of("app_public_key", base64.encodeToString(keys.getPublic().getEncoded())));
        operator.configureAlipay(
                appId,
                Map.of(
                        "channel_app_id", registered.get("app_id").asString(),
                        "app_private_key",
                                base64.encodeToString(keys.getPrivate().getEncoded()),
                        "alipay_public_key", registered.get("alipay_public_key").asString(),
                        "gateway_url", registered.get("gateway_url").asString()));
    }

    /** The buyer scans a precreated QR code (the trade comes into being at Alipay) and pays at once. */
    void scanAndPay(String qrCode) {
        JsonNode trade = sandbox.post("/sandbox/alipay/buyer/scan", Map.of("qr_code", qrCode));
        sandbox.post(
                "/sandbox/alipay/buyer/pay",
                Map.of("trade_no", trade.get("trade_no").asString()));
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
