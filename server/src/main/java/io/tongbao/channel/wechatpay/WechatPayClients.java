package io.tongbao.channel.wechatpay;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;
import io.tongbao.channel.ChannelProperties;
import io.tongbao.merchant.ChannelAccounts;
import io.tongbao.merchant.WechatPayAccount;
import io.tongbao.merchant.WechatPayKeyMode;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;

/**
 * The SDK's services for one Tongbao app, built from that app's own account and never shared between apps. When
 * the account's base URL is not WeChat Pay's own (the sandbox), an OkHttp interceptor sends every call there: the
 * SDK hard-codes its host, and only path and query are signed, so signatures still hold. Every service gets the
 * intercepted client explicitly; {@code .config()} alone would build one that dials the real host.
 */
@Component
class WechatPayClients {

    static final String WECHATPAY_HOST = "api.mch.weixin.qq.com";

    private final ChannelAccounts accounts;
    private final ChannelProperties properties;
    private final Map<String, Built> clients = new ConcurrentHashMap<>();

    WechatPayClients(ChannelAccounts accounts, ChannelProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    record Built(WechatPayAccount account, Config config, NotificationConfig notificationConfig,
                 NativePayService nativePay, JsapiServiceExtension jsapi, AppServiceExtension app, H5Service h5,
                 RefundService refunds) {
    }

    Built forApp(String appId) {
        WechatPayAccount account = accounts.wechatPay(appId)
                .orElseThrow(() -> new IllegalStateException("app " + appId + " has no WeChat Pay account"));
        return clients.compute(appId, (id, existing) ->
                existing != null && Objects.equals(existing.account(), account) ? existing : build(account));
    }

    private Built build(WechatPayAccount account) {
        DefaultHttpClientBuilder httpBuilder = new DefaultHttpClientBuilder().okHttpClient(okHttp(account.baseUrl()));
        Config config;
        NotificationConfig notificationConfig;
        if (account.mode() == WechatPayKeyMode.PUBLIC_KEY) {
            RSAPublicKeyConfig publicKeyConfig = new RSAPublicKeyConfig.Builder()
                    .merchantId(account.mchid())
                    .privateKey(account.merchantPrivateKey())
                    .merchantSerialNumber(account.merchantSerialNo())
                    .publicKey(stripPem(account.wechatpayPublicKey()))
                    .publicKeyId(account.wechatpayPublicKeyId())
                    .apiV3Key(account.apiV3Key())
                    .build();
            config = publicKeyConfig;
            notificationConfig = publicKeyConfig;
        } else {
            // downloads the platform certificates now (and hourly), through the same intercepted client
            RSAAutoCertificateConfig certificateConfig = new RSAAutoCertificateConfig.Builder()
                    .merchantId(account.mchid())
                    .privateKey(account.merchantPrivateKey())
                    .merchantSerialNumber(account.merchantSerialNo())
                    .apiV3Key(account.apiV3Key())
                    .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(okHttp(account.baseUrl())))
                    .build();
            config = certificateConfig;
            notificationConfig = certificateConfig;
        }
        HttpClient http = httpBuilder.config(config).build();
        return new Built(account, config, notificationConfig,
                new NativePayService.Builder().config(config).httpClient(http).build(),
                new JsapiServiceExtension.Builder().config(config).httpClient(http).build(),
                new AppServiceExtension.Builder().config(config).httpClient(http).build(),
                new H5Service.Builder().config(config).httpClient(http).build(),
                new RefundService.Builder().config(config).httpClient(http).build());
    }

    private OkHttpClient okHttp(String baseUrl) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false);
        URI base = URI.create(baseUrl);
        if (WECHATPAY_HOST.equals(base.getHost()) && (base.getPath() == null || base.getPath().isEmpty())) {
            return builder.build();
        }
        HttpUrl target = HttpUrl.get(baseUrl);
        String prefix = target.encodedPath().endsWith("/")
                ? target.encodedPath().substring(0, target.encodedPath().length() - 1) : target.encodedPath();
        return builder.addInterceptor(chain -> {
            HttpUrl original = chain.request().url();
            HttpUrl rewritten = original.newBuilder().scheme(target.scheme()).host(target.host()).port(target.port())
                    .encodedPath(prefix + original.encodedPath()).build();
            return chain.proceed(chain.request().newBuilder().url(rewritten).build());
        }).build();
    }

    static String stripPem(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
