package io.tongbao.sandbox.wechatpay;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import io.tongbao.sandbox.Http;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * A merchant that registered itself with the sandbox, with wechatpay-java configured for it. The SDK hard-codes
 * https://api.mch.weixin.qq.com, so an OkHttp interceptor sends every call to the sandbox instead; only path and
 * query are signed, so signatures still hold once the sandbox strips its mount prefix.
 */
public record WechatSandboxMerchant(String mchid, String appid, String apiV3Key, String publicKeyId, String publicKeyPem,
                             KeyPair merchantKeys, String merchantSerialNo, Config config, HttpClient httpClient) {

    static final String WECHAT_HOST = "api.mch.weixin.qq.com";

    public static WechatSandboxMerchant register(int port, String keyMode) {
        KeyPair keys = newKeyPair();
        String serial = HexFormat.of().withUpperCase().formatHex(randomBytes(20));
        Http.Reply reply = Http.postJson("http://127.0.0.1:" + port + "/sandbox/wechatpay/merchants", Map.of(
                "merchant_public_key", java.util.Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
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
        OkHttpClient okHttp = toSandbox(port);
        Config config = "CERTIFICATE".equals(keyMode)
                ? new RSAAutoCertificateConfig.Builder()
                        .merchantId(mchid)
                        .privateKey(keys.getPrivate())
                        .merchantSerialNumber(serial)
                        .apiV3Key(apiV3Key)
                        .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(okHttp))
                        .build()
                : new RSAPublicKeyConfig.Builder()
                        .merchantId(mchid)
                        .privateKey(keys.getPrivate())
                        .merchantSerialNumber(serial)
                        .publicKeyId(publicKeyId)
                        .publicKey(publicKeyPem)
                        .apiV3Key(apiV3Key)
                        .build();
        HttpClient httpClient = new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp).build();
        @SuppressWarnings("unchecked")
        String appid = ((List<String>) registered.get("appids")).getFirst();
        return new WechatSandboxMerchant(mchid, appid, apiV3Key, publicKeyId, publicKeyPem, keys, serial, config,
                httpClient);
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
        return new DefaultHttpClientBuilder().config(forged).okHttpClient(toSandbox(port)).build();
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
        return new DefaultHttpClientBuilder().config(misconfigured).okHttpClient(toSandbox(port)).build();
    }

    public static OkHttpClient toSandbox(int port) {
        Interceptor rewrite = chain -> {
            HttpUrl url = chain.request().url();
            if (!url.host().equals(WECHAT_HOST)) {
                return chain.proceed(chain.request());
            }
            HttpUrl local = url.newBuilder().scheme("http").host("127.0.0.1").port(port)
                    .encodedPath("/sandbox/wechatpay" + url.encodedPath()).build();
            return chain.proceed(chain.request().newBuilder().url(local).build());
        };
        return new OkHttpClient.Builder()
                .addInterceptor(rewrite)
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
