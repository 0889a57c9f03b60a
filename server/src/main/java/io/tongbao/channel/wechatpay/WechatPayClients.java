package io.tongbao.channel.wechatpay;

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
import com.wechat.pay.java.core.util.PemUtil;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;
import io.tongbao.channel.ChannelAccounts;
import io.tongbao.channel.ChannelProperties;
import io.tongbao.channel.WechatPayAccount;
import io.tongbao.channel.WechatPayKeyMode;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;

/**
 * The SDK's services for one Tongbao app, built from that app's own account and never shared between apps. When
 * the account's base URL is not WeChat Pay's own (the sandbox, e.g. {@code http://localhost:8080/sandbox/wechatpay}),
 * {@link WechatPayApiBase} moves every call onto it before the SDK signs it, so the SDK signs the path it sends.
 * Every service gets that client explicitly; {@code .config()} alone would build one that dials the real host.
 */
@Component
class WechatPayClients {

    static final String WECHATPAY_HOST = "api.mch.weixin.qq.com";

    /** For the platform-certificate download only: see {@link #certificateDownloads}. */
    private static final Validator UNCHECKED_CERTIFICATE_DOWNLOAD = new Validator() {
        @Override
        public boolean validate(HttpHeaders responseHeaders, String body) {
            return true;
        }

        @Override
        public <T> String getSerialNumber() {
            return "";
        }
    };

    private final ChannelAccounts accounts;
    private final ChannelProperties properties;
    private final Map<String, Built> clients = new ConcurrentHashMap<>();

    WechatPayClients(ChannelAccounts accounts, ChannelProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    record Built(
            WechatPayAccount account,
            Config config,
            NotificationConfig notificationConfig,
            NativePayService nativePay,
            JsapiServiceExtension jsapi,
            AppServiceExtension app,
            H5Service h5,
            RefundService refunds) {}

    Built forApp(String appId) {
        WechatPayAccount account = accounts.wechatPay(appId)
                .orElseThrow(() -> new IllegalStateException("app " + appId + " has no WeChat Pay account"));
        return clients.compute(
                appId,
                (id, existing) ->
                        existing != null && Objects.equals(existing.account(), account) ? existing : build(account));
    }

    private Built build(WechatPayAccount account) {
        OkHttpClient okHttp = okHttp();
        Config config;
        NotificationConfig notificationConfig;
        if (account.mode() == WechatPayKeyMode.PUBLIC_KEY) {
            RSAPublicKeyConfig publicKeyConfig = new RSAPublicKeyConfig.Builder()
                    .merchantId(account.mchid())
                    .privateKey(account.merchantPrivateKey())
                    .merchantSerialNumber(account.merchantSerialNo())
                    .publicKey(stripPem(Objects.requireNonNull(
                            account.wechatpayPublicKey(), "an account in PUBLIC_KEY mode has WeChat Pay's public key")))
                    .publicKeyId(account.wechatpayPublicKeyId())
                    .apiV3Key(account.apiV3Key())
                    .build();
            config = publicKeyConfig;
            notificationConfig = publicKeyConfig;
        } else {
            // downloads the platform certificates now (and hourly), from the account's base URL
            RSAAutoCertificateConfig.Builder certificates = new RSAAutoCertificateConfig.Builder()
                    .merchantId(account.mchid())
                    .privateKey(account.merchantPrivateKey())
                    .merchantSerialNumber(account.merchantSerialNo())
                    .apiV3Key(account.apiV3Key());
            RSAAutoCertificateConfig certificateConfig = (isWechatPay(account.baseUrl())
                            ? certificates.httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(okHttp))
                            : certificates.httpClient(certificateDownloads(account, okHttp)))
                    .build();
            config = certificateConfig;
            notificationConfig = certificateConfig;
        }
        HttpClient sdk = new DefaultHttpClientBuilder()
                .okHttpClient(okHttp)
                .config(config)
                .build();
        HttpClient http = isWechatPay(account.baseUrl()) ? sdk : new WechatPayApiBase(sdk, account.baseUrl());
        return new Built(
                account,
                config,
                notificationConfig,
                new NativePayService.Builder().config(config).httpClient(http).build(),
                new JsapiServiceExtension.Builder()
                        .config(config)
                        .httpClient(http)
                        .build(),
                new AppServiceExtension.Builder()
                        .config(config)
                        .httpClient(http)
                        .build(),
                new H5Service.Builder().config(config).httpClient(http).build(),
                new RefundService.Builder().config(config).httpClient(http).build());
    }

    private OkHttpClient okHttp() {
        return new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .build();
    }

    /**
     * The client RSAAutoCertificateConfig downloads platform certificates with, for another base URL. Given a client,
     * the SDK uses it as it is; like the SDK's own download client it signs the request and checks no answer
     * signature: there is no certificate to check it with yet, and the APIv3 key's AES-GCM vouches for what comes.
     */
    private static HttpClient certificateDownloads(WechatPayAccount account, OkHttpClient okHttp) {
        HttpClient sdk = new DefaultHttpClientBuilder()
                .okHttpClient(okHttp)
                .credential(new WechatPay2Credential(
                        account.mchid(),
                        new RSASigner(
                                account.merchantSerialNo(),
                                PemUtil.loadPrivateKeyFromString(account.merchantPrivateKey()))))
                .validator(UNCHECKED_CERTIFICATE_DOWNLOAD)
                .build();
        return new WechatPayApiBase(sdk, account.baseUrl());
    }

    /** WeChat Pay's own host with no path: the SDK's URLs are used as they are. */
    static boolean isWechatPay(String baseUrl) {
        URI base = URI.create(baseUrl);
        return WECHATPAY_HOST.equals(base.getHost())
                && (base.getPath() == null
                        || base.getPath().isEmpty()
                        || base.getPath().equals("/"));
    }

    static String stripPem(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
