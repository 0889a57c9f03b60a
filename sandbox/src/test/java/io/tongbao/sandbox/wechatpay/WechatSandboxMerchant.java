package io.tongbao.sandbox.wechatpay;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.auth.Validator;
import com.wechat.pay.java.core.auth.WechatPay2Credential;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.notification.NotificationConfig;
import io.tongbao.sandbox.Http;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.OkHttpClient;

/**
 * A merchant that registered itself with the sandbox, with wechatpay-java configured for it. The SDK hard-codes
 * https://api.mch.weixin.qq.com, so {@link SandboxApiBase} moves every request onto the registration's
 * {@code api_base_url} before the SDK signs it: the SDK signs the path it sends, as WeChat Pay requires.
 */
public record WechatSandboxMerchant(
        String mchid,
        String appid,
        String apiV3Key,
        String publicKeyId,
        String publicKeyPem,
        KeyPair merchantKeys,
        String merchantSerialNo,
        Config config,
        HttpClient httpClient) {

    public static WechatSandboxMerchant register(int port, String keyMode) {
        KeyPair keys = newKeyPair();
        String serial = HexFormat.of().withUpperCase().formatHex(randomBytes(20));
        Http.Reply reply = Http.postJson(
                "http://127.0.0.1:" + port + "/sandbox/wechatpay/merchants",
                Map.of(
                        "merchant_public_key",
                                Base64.getEncoder()
                                        .encodeToString(keys.getPublic().getEncoded()),
                        "merchant_serial_no", serial,
                        "key_mode", keyMode));
        if (reply.status() != 201) {
            throw new IllegalStateException("registration failed: " + reply);
        }
        Map<String, Object> registered = reply.json();
        String mchid = (String) registered.get("mchid");
        String apiV3Key = (String) registered.get("api_v3_key");
        String publicKeyId = (String) registered.get("wechatpay_public_key_id");
        String publicKeyPem = (String) registered.get("wechatpay_public_key");
        String apiBaseUrl = (String) registered.get("api_base_url");
        OkHttpClient okHttp = okHttp();
        Config config = "CERTIFICATE".equals(keyMode)
                ? new RSAAutoCertificateConfig.Builder()
                        .merchantId(mchid)
                        .privateKey(keys.getPrivate())
                        .merchantSerialNumber(serial)
                        .apiV3Key(apiV3Key)
                        .httpClient(certificateDownloads(mchid, serial, keys, okHttp, apiBaseUrl))
                        .build()
                : new RSAPublicKeyConfig.Builder()
                        .merchantId(mchid)
                        .privateKey(keys.getPrivate())
                        .merchantSerialNumber(serial)
                        .publicKeyId(publicKeyId)
                        .publicKey(publicKeyPem)
                        .apiV3Key(apiV3Key)
                        .build();
        HttpClient httpClient = SandboxApiBase.of(
                new DefaultHttpClientBuilder()
                        .config(config)
                        .okHttpClient(okHttp)
                        .build(),
                apiBaseUrl);
        @SuppressWarnings("unchecked")
        String appid = ((List<String>) registered.get("appids")).getFirst();
        return new WechatSandboxMerchant(
                mchid, appid, apiV3Key, publicKeyId, publicKeyPem, keys, serial, config, httpClient);
    }

    NotificationConfig notificationConfig() {
        return (NotificationConfig) config;
    }

    /** The same mchid and serial, but requests signed with a key the sandbox never saw. */
    HttpClient forgedClient(int port) {
        Config forged = new RSAPublicKeyConfig.Builder()
                .merchantId(mchid)
                .privateKey(newKeyPair().getPrivate())
                .merchantSerialNumber(merchantSerialNo)
                .publicKeyId(publicKeyId)
                .publicKey(publicKeyPem)
                .apiV3Key(apiV3Key)
                .build();
        return SandboxApiBase.of(
                new DefaultHttpClientBuilder()
                        .config(forged)
                        .okHttpClient(okHttp())
                        .build(),
                SandboxApiBase.apiBaseUrl(port));
    }

    /** Trusts another WeChat Pay public key than the sandbox's: every answer must fail verification. */
    HttpClient misconfiguredClient(int port) {
        Config misconfigured = new RSAPublicKeyConfig.Builder()
                .merchantId(mchid)
                .privateKey(merchantKeys.getPrivate())
                .merchantSerialNumber(merchantSerialNo)
                .publicKeyId(publicKeyId)
                .publicKey(newKeyPair().getPublic())
                .apiV3Key(apiV3Key)
                .build();
        return SandboxApiBase.of(
                new DefaultHttpClientBuilder()
                        .config(misconfigured)
                        .okHttpClient(okHttp())
                        .build(),
                SandboxApiBase.apiBaseUrl(port));
    }

    /**
     * The client RSAAutoCertificateConfig downloads platform certificates with. Given one of our own, the SDK uses
     * it as it is; like the SDK's own download client it signs requests but checks no answer signature (there is
     * no certificate to check it with yet: the AES-GCM of the APIv3 key vouches for the certificates).
     */
    private static HttpClient certificateDownloads(
            String mchid, String serial, KeyPair keys, OkHttpClient okHttp, String apiBaseUrl) {
        return SandboxApiBase.of(
                new DefaultHttpClientBuilder()
                        .credential(new WechatPay2Credential(mchid, new RSASigner(serial, keys.getPrivate())))
                        .validator(new Validator() {
                            @Override
                            public boolean validate(HttpHeaders responseHeaders, String body) {
                                return true;
                            }

                            @Override
                            public <T> String getSerialNumber() {
                                return "";
                            }
                        })
                        .okHttpClient(okHttp)
                        .build(),
                apiBaseUrl);
    }

    public static OkHttpClient okHttp() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .build();
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

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
