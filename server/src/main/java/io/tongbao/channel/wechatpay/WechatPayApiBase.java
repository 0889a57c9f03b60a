package io.tongbao.channel.wechatpay;

import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.HttpResponse;
import java.io.InputStream;
import java.net.URI;

/**
 * Sends wechatpay-java's calls to another API base than WeChat Pay's own (the sandbox, mounted under a path). Every
 * service hard-codes {@code https://api.mch.weixin.qq.com}; this client moves each request onto the base
 * <em>before</em> handing it to the SDK's own client, which then signs the request-target it actually sends, as
 * WeChat Pay (and the sandbox) verify it. Rewriting later, in an OkHttp interceptor, would sign one path and send
 * another. URLs on other hosts (a bill link the base handed out) go as they are.
 */
final class WechatPayApiBase implements HttpClient {

    private final HttpClient sdk;
    private final String base;

    /**
     * @param sdk  a client built by the SDK: it signs requests and verifies answers
     * @param base scheme, host, port and path prefix, e.g. {@code http://localhost:8080/sandbox/wechatpay}
     */
    WechatPayApiBase(HttpClient sdk, String base) {
        this.sdk = sdk;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
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

    String rebase(String url) {
        URI uri = URI.create(url);
        if (!WechatPayClients.WECHATPAY_HOST.equals(uri.getHost())) {
            return url;
        }
        return base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
