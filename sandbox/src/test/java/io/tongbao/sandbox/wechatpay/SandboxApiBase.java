package io.tongbao.sandbox.wechatpay;

import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.HttpResponse;
import java.io.InputStream;
import java.net.URI;

/**
 * Points wechatpay-java at the sandbox the way a client must: the SDK hard-codes https://api.mch.weixin.qq.com, so
 * each request's URL is moved onto the registration's {@code api_base_url} <em>before</em> the SDK signs it. The
 * SDK then signs the request-target it sends ({@code /sandbox/wechatpay/v3/…}), which is what the sandbox checks.
 */
public final class SandboxApiBase implements HttpClient {

    static final String WECHAT_HOST = "api.mch.weixin.qq.com";

    private final HttpClient sdk;
    private final String apiBaseUrl;

    private SandboxApiBase(HttpClient sdk, String apiBaseUrl) {
        this.sdk = sdk;
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    }

    /** @param sdk a client built by the SDK (it signs and verifies); every request reaching it is rebased first */
    public static HttpClient of(HttpClient sdk, String apiBaseUrl) {
        return new SandboxApiBase(sdk, apiBaseUrl);
    }

    public static String apiBaseUrl(int port) {
        return "http://127.0.0.1:" + port + "/sandbox/wechatpay";
    }

    @Override
    public <T> HttpResponse<T> execute(HttpRequest request, Class<T> responseClass) {
        return sdk.execute(
                new HttpRequest.Builder()
                        .httpMethod(request.getHttpMethod())
                        .url(rebase(request.getUrl().toString()))
                        .headers(request.getHeaders())
                        .body(request.getBody())
                        .build(),
                responseClass);
    }

    @Override
    public InputStream download(String url) {
        return sdk.download(rebase(url));
    }

    private String rebase(String url) {
        URI uri = URI.create(url);
        if (!WECHAT_HOST.equals(uri.getHost())) {
            return url;
        }
        return apiBaseUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
