package io.tongbao.sandbox.alipay;

import io.tongbao.sandbox.SandboxProperties;
import io.tongbao.sandbox.support.Rsa;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Checks that a request comes from a registered app: known app_id, UTF-8, and a signature over the "V2" content
 * that verifies with the app's registered public key.
 */
@Component
@ConditionalOnBooleanProperty(SandboxProperties.ENABLED)
class AlipayRequestVerifier {

    private final AlipayApps apps;

    AlipayRequestVerifier(AlipayApps apps) {
        this.apps = apps;
    }

    AlipayCall verify(Map<String, String> params) {
        String method = params.get("method");
        if (method == null || method.isBlank()) {
            throw AlipayError.missing("method");
        }
        String appId = params.get("app_id");
        if (appId == null || appId.isBlank()) {
            throw AlipayError.missing("app_id");
        }
        AlipayApp app = apps.find(appId).orElseThrow(() -> AlipayError.invalid("isv.invalid-app-id", "无效的AppID参数"));
        String charset = params.getOrDefault("charset", "utf-8");
        if (!"utf-8".equalsIgnoreCase(charset)) {
            throw AlipayError.invalid("isv.invalid-charset", "沙箱只支持 utf-8 字符集: " + charset);
        }
        if (params.get("timestamp") == null) {
            throw AlipayError.missing("timestamp");
        }
        AlipayTime.parse("timestamp", params.get("timestamp"));
        SignType signType = SignType.parse(params.get("sign_type"));
        String sign = params.get("sign");
        if (sign == null || sign.isBlank()) {
            throw AlipayError.missing("sign");
        }
        if (!Rsa.verify(
                signType.algorithm(),
                app.appPublicKey(),
                AlipaySigning.contentV2(params),
                StandardCharsets.UTF_8,
                sign)) {
            throw AlipayError.invalid("isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配");
        }
        return new AlipayCall(app, method, signType, BizContent.parse(params.get("biz_content")), params);
    }
}
