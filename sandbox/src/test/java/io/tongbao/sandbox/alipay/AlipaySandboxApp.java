package io.tongbao.sandbox.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import io.tongbao.sandbox.Http;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** An app that registered itself with the sandbox, and an official SDK client configured for it. */
public record AlipaySandboxApp(
        String baseUrl,
        String appId,
        String sellerId,
        String alipayPublicKey,
        String privateKey,
        DefaultAlipayClient client) {

    public static AlipaySandboxApp register(String baseUrl) {
        return register(baseUrl, "RSA2");
    }

    static AlipaySandboxApp register(String baseUrl, String signType) {
        KeyPair keys = newKeyPair();
        Http.Reply reply = Http.postJson(
                baseUrl + "/sandbox/alipay/apps",
                Map.of(
                        "app_public_key",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
        if (reply.status() != 201) {
            throw new IllegalStateException("registration failed: " + reply);
        }
        Map<String, Object> registered = reply.json();
        String privateKey = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
        String appId = (String) registered.get("app_id");
        String alipayPublicKey = (String) registered.get("alipay_public_key");
        return new AlipaySandboxApp(
                baseUrl,
                appId,
                (String) registered.get("seller_id"),
                alipayPublicKey,
                privateKey,
                client((String) registered.get("gateway_url"), appId, privateKey, alipayPublicKey, signType));
    }

    /** The same app id with other keys: what a misconfigured or forged client looks like. */
    DefaultAlipayClient clientWith(String privateKey, String alipayPublicKey) {
        return client(baseUrl + "/sandbox/alipay/gateway.do", appId, privateKey, alipayPublicKey, "RSA2");
    }

    public static DefaultAlipayClient client(
            String gatewayUrl, String appId, String privateKey, String alipayPublicKey, String signType) {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(gatewayUrl);
        config.setAppId(appId);
        config.setPrivateKey(privateKey);
        config.setAlipayPublicKey(alipayPublicKey);
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType(signType);
        config.setConnectTimeout(5000);
        config.setReadTimeout(5000);
        try {
            return new DefaultAlipayClient(config);
        } catch (AlipayApiException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
